"""Cinder's fake volume driver, reporting one pool per backend of the platform catalog.

The platform's volume types ask for `volume_backend_name` (hypermetro-ssd, ssd, ...) and for
replication capabilities. The packaged fake driver reports a single pool named `fake`, on which
no catalog type would schedule. This driver reports the pools listed in the JSON file named by
GOVCLOUD_CINDER_POOLS: [{"name": ..., "replication": "sync" | "async" | "none"}].
"""
import json
import os

from cinder.tests import fake_driver


class CatalogFakeDriver(fake_driver.FakeLoggingVolumeDriver):
    def _update_volume_stats(self):
        super()._update_volume_stats()
        template = self._stats["pools"][0]
        path = os.environ.get("GOVCLOUD_CINDER_POOLS")
        if not path:
            return
        with open(path, encoding="utf-8") as handle:
            pools = json.load(handle)
        reported = []
        for pool in pools:
            replicated = pool["replication"] != "none"
            entry = dict(template)
            entry.update(
                pool_name=pool["name"],
                volume_backend_name=pool["name"],
                # The fake pool reserves 100 % of an infinite size; keep nothing reserved.
                reserved_percentage=0,
                replication_enabled=replicated,
                group_replication_enabled=replicated,
            )
            if replicated:
                entry["replication_type"] = pool["replication"]
            reported.append(entry)
        self._stats["pools"] = reported

    def extend_volume(self, volume, new_size):
        """Grows a volume (attached or not): there is no storage to grow, so only the size
        Cinder records changes. The LVM driver the fake one derives from asks a volume group
        that the fake stands in for and that cannot extend."""
        return None
