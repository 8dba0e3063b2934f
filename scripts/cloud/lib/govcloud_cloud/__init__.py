"""Plug-ins of the loopback test cloud (scripts/cloud): loaded by neutron-server and
cinder-volume through PYTHONPATH, never installed."""
