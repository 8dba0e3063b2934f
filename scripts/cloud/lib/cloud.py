"""Starts and stops a small OpenStack on 127.0.0.1: one Keystone, and per region of platform.yaml
its own Nova, Placement, Neutron, Cinder and Glance, with their own databases, message vhost and
ports. Behind scripts/cloud/start, stop, status and service (and the region list of smoke); see
docs/local-openstack.md.

Every process is started as root in a session of its own, its PID written to <state>/pids, its
output to <state>/logs, and its environment carries GOVCLOUD_CLOUD_TAG=<state>, so that stop
also finds what a service forked. Nothing listens on another address than 127.0.0.1 and nothing
is written outside the state folder (the packages' files in /etc are only read).
"""

import base64
import hashlib
import json
import os
import queue
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

import yaml

LIB = Path(__file__).resolve().parent
CLOUD = LIB.parent
REPO = CLOUD.parent.parent
# The estate whose platform.yaml and departments/ the cloud is made for: the repository's own by
# default, the engine test estate when the engine suite starts it.
ESTATE = Path(os.environ.get("GOVCLOUD_CLOUD_ESTATE") or REPO).resolve()
TEMPLATES = CLOUD / "templates"
STATE = Path(os.environ.get("GOVCLOUD_CLOUD_DIR") or "/tmp/govcloud-cloud").resolve()
MARKER = ".govcloud-cloud"
TAG = "GOVCLOUD_CLOUD_TAG"

# Shared services. Region services sit at (index + 1) * 10000 + their usual port:
# qingdao 18774 (nova), 18776 (cinder), 18778 (placement), 19292 (glance), 19696 (neutron);
# laixi 28774, ...
KEYSTONE_PORT = 15000
MARIADB_PORT = 13306
AMQP_PORT = 15670
ERLANG_DIST_PORT = 15671
EPMD_PORT = 15369
# GOVCLOUD_CLOUD_PORT_OFFSET moves every port by the same amount, so that a second cloud (with
# another state folder) can run beside the first. start records it for stop and status.
PORT_OFFSET = 0
MAX_PORT_OFFSET = 25000
USUAL_PORTS = {"nova": 8774, "cinder": 8776, "placement": 8778, "glance": 9292, "neutron": 9696}
MAX_REGIONS = 3

# Documentation ranges (RFC 5737): never routed, never the datacenters' own addresses.
EXTERNAL_CIDRS = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"]
PHYSNET = "public"
AUTOMATION_USER = "govcloud-automation"
SERVICE_USERS = ["nova", "placement", "neutron", "cinder", "glance"]
KEYSTONE_URL = f"http://127.0.0.1:{KEYSTONE_PORT}"


def set_port_offset(offset):
    global KEYSTONE_PORT, MARIADB_PORT, AMQP_PORT, ERLANG_DIST_PORT, EPMD_PORT
    global PORT_OFFSET, KEYSTONE_URL
    if not 0 <= offset <= MAX_PORT_OFFSET:
        raise Failure(f"GOVCLOUD_CLOUD_PORT_OFFSET must be between 0 and {MAX_PORT_OFFSET}")
    shift = offset - PORT_OFFSET
    KEYSTONE_PORT += shift
    MARIADB_PORT += shift
    AMQP_PORT += shift
    ERLANG_DIST_PORT += shift
    EPMD_PORT += shift
    PORT_OFFSET = offset
    KEYSTONE_URL = f"http://127.0.0.1:{KEYSTONE_PORT}"

# Slow when the machine is busy; these only bound a run that would never finish.
SYNC_TIMEOUT = 900
READY_TIMEOUT = 600

STARTED = time.monotonic()
PRINT_LOCK = threading.Lock()
# Set when one step fails: the others stop waiting instead of running into their timeouts.
ABORT = threading.Event()
# Set once the service accounts and the catalog exist.
IDENTITY_READY = threading.Event()


class Failure(Exception):
    pass


def say(message):
    with PRINT_LOCK:
        print(f"[{time.monotonic() - STARTED:6.1f}s] {message}", flush=True)


# --------------------------------------------------------------------------- the platform


@dataclass
class Region:
    index: int
    site: str
    name: str
    cloud: str
    zones: list
    external_network: str
    hosts_per_zone: int
    dir: Path = field(init=False)

    def __post_init__(self):
        self.dir = STATE / "regions" / self.name

    def port(self, service):
        return (self.index + 1) * 10000 + USUAL_PORTS[service] + PORT_OFFSET

    @property
    def db_prefix(self):
        return "".join(c if c.isalnum() else "_" for c in self.name)

    @property
    def compute_hosts(self):
        """Host name -> availability zone (None: nova's default zone)."""
        zones = self.zones or [None]
        hosts = {}
        for zone in zones:
            for _ in range(self.hosts_per_zone if self.zones else 2):
                hosts[f"{self.name}-compute{len(hosts) + 1}"] = zone
        return hosts

    @property
    def volume_zones(self):
        return self.zones or ["nova"]


def load_platform():
    platform = yaml.safe_load((ESTATE / "platform.yaml").read_text(encoding="utf-8"))
    hosts_per_zone = int(os.environ.get("GOVCLOUD_CLOUD_HOSTS_PER_AZ") or "1")
    if hosts_per_zone < 1:
        raise Failure("GOVCLOUD_CLOUD_HOSTS_PER_AZ must be 1 or more")
    regions = []
    for site in platform.get("sites", []):
        openstack = site.get("openstack")
        if not openstack:
            continue
        regions.append(
            Region(
                index=len(regions),
                site=site["id"],
                name=openstack["region"],
                cloud=openstack["cloud"],
                zones=list(site.get("availabilityZones") or []),
                external_network=site.get("externalNetwork") or "",
                hosts_per_zone=hosts_per_zone,
            )
        )
    if not regions:
        raise Failure("platform.yaml has no site with an openstack region")
    if len(regions) > MAX_REGIONS:
        raise Failure(f"platform.yaml has {len(regions)} regions; this cloud runs {MAX_REGIONS}")
    return platform, regions


def catalog_pools(platform):
    """The backends the catalog's volume types ask for, with their replication mode."""
    pools = {}
    for volume_type in platform.get("catalog", {}).get("volumeTypes", []):
        pools[volume_type["backend"]] = volume_type.get("replication", "none")
    return [{"name": name, "replication": mode} for name, mode in sorted(pools.items())]


def department_owners():
    """Login ids of every department owner: the program looks each one up in Keystone."""
    owners = set()
    for path in sorted((ESTATE / "departments").glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for owner in document.get("owners") or []:
            if owner.get("id"):
                owners.add(owner["id"])
    return sorted(owners)


# --------------------------------------------------------------------------- processes


def clean_environment():
    """What every child gets: no proxy, no OS_* login, no user Python, the state tag."""
    return {
        "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": str(STATE / "home"),
        "XDG_CACHE_HOME": str(STATE / "home" / ".cache"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONPATH": str(LIB),
        "PYTHONDONTWRITEBYTECODE": "1",
        "no_proxy": "127.0.0.1,localhost",
        "NO_PROXY": "127.0.0.1,localhost",
        TAG: str(STATE),
    }


PROCESSES = {}


def log_path(name):
    return STATE / "logs" / f"{name}.log"


def log_tail(name, lines=15):
    try:
        text = log_path(name).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return "\n".join("    " + line for line in text[-lines:])


def run(name, argv, env=None, timeout=SYNC_TIMEOUT, capture=False):
    """Runs a one-off command (a database sync, a listing) to its end; its output goes to its
    log, or with `capture` its standard output is returned (as text) and only its errors go to
    the log."""
    with open(log_path(name), "ab") as out:
        try:
            result = subprocess.run(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE if capture else out,
                stderr=out if capture else subprocess.STDOUT,
                env={**clean_environment(), **(env or {})},
                timeout=timeout,
                start_new_session=True,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise Failure(f"{name} took longer than {timeout} s; see {log_path(name)}") from error
    if result.returncode != 0:
        raise Failure(
            f"{name} failed (exit {result.returncode}); see {log_path(name)}\n{log_tail(name)}"
        )
    return result.stdout.decode("utf-8", errors="replace") if capture else None


def launch(name, argv, env=None):
    """Starts a service in a session of its own and records its PID."""
    with open(log_path(name), "ab") as out:
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**clean_environment(), **(env or {})},
            start_new_session=True,
            close_fds=True,
        )
    (STATE / "pids" / f"{name}.pid").write_text(f"{process.pid}\n", encoding="utf-8")
    # How it was started, so that `service start` can start it again after `service stop`.
    launches = STATE / "launches"
    launches.mkdir(exist_ok=True)
    record = launches / f"{name}.json"
    record.write_text(json.dumps({"argv": argv, "env": env or {}}), encoding="utf-8")
    record.chmod(0o600)
    PROCESSES[name] = process
    return process


def check_alive(names):
    for name in names:
        process = PROCESSES.get(name)
        if process is not None and process.poll() is not None:
            raise Failure(
                f"{name} exited (status {process.returncode}); see {log_path(name)}\n"
                f"{log_tail(name)}"
            )


def wait_for(what, check, watch=(), timeout=READY_TIMEOUT, interval=0.5):
    deadline = time.monotonic() + timeout
    last = None
    while True:
        if ABORT.is_set():
            raise Failure(f"gave up waiting for {what}: another step failed")
        check_alive(watch)
        try:
            if check():
                return
        except Exception as error:  # noqa: BLE001 - any error means "not yet"
            last = error
        if time.monotonic() > deadline:
            raise Failure(f"timed out after {timeout} s waiting for {what}: {last}")
        time.sleep(interval)


NO_PROXY_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http_answers(url):
    try:
        with NO_PROXY_OPENER.open(url, timeout=10) as response:
            return response.status < 500
    except urllib.error.HTTPError as error:
        return error.code < 500


# --------------------------------------------------------------------------- configuration


def render(template, target, values):
    text = Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(values)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    target.chmod(0o600)
    return target


def render_text(template, values):
    return Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(values)


@dataclass
class Secrets:
    database: str
    amqp: str
    admin: str
    service: str
    automation: str

    @staticmethod
    def new():
        # Hexadecimal: safe in URLs and never taken for a command-line option.
        return Secrets(*(secrets.token_hex(16) for _ in range(5)))


def db_url(secret):
    return f"mysql+pymysql://govcloud:{secret.database}@127.0.0.1:{MARIADB_PORT}"


def transport_url(secret, region):
    return f"rabbit://govcloud:{secret.amqp}@127.0.0.1:{AMQP_PORT}/{region.name}"


def service_values(secret, region, user, directory):
    values = {
        "keystone_url": KEYSTONE_URL,
        "region": region.name,
        "service_user": user,
        "service_password": secret.service,
        "dir": str(directory),
        "db_url": db_url(secret),
        "transport_url": transport_url(secret, region),
        "nova_port": region.port("nova"),
        "cinder_port": region.port("cinder"),
        "placement_port": region.port("placement"),
        "glance_port": region.port("glance"),
        "neutron_port": region.port("neutron"),
        "physnet": PHYSNET,
    }
    values["authtoken"] = render_text("authtoken.conf", values)
    values["service_auth"] = render_text("service_auth.conf", values)
    return values


def write_region_configs(secret, region, platform):
    files = {}
    for service in ["nova", "placement", "neutron", "cinder", "glance"]:
        directory = region.dir / service
        for sub in ["state", "lock"]:
            (directory / sub).mkdir(parents=True, exist_ok=True)
    values = service_values(secret, region, "nova", region.dir / "nova")
    files["nova"] = render("nova.conf", region.dir / "nova" / "nova.conf", values)
    for host in region.compute_hosts:
        render(
            "nova-compute.conf",
            region.dir / "nova" / f"{host}.conf",
            {**values, "host": host},
        )
    values = service_values(secret, region, "placement", region.dir / "placement")
    files["placement"] = render("placement.conf", region.dir / "placement" / "placement.conf", values)
    values = service_values(secret, region, "neutron", region.dir / "neutron")
    files["neutron"] = render("neutron.conf", region.dir / "neutron" / "neutron.conf", values)
    files["ml2"] = render("ml2_conf.ini", region.dir / "neutron" / "ml2_conf.ini", values)
    values = service_values(secret, region, "cinder", region.dir / "cinder")
    backends = {f"backend-{zone}": zone for zone in region.volume_zones}
    values["backends"] = ",".join(backends)
    values["default_az"] = region.volume_zones[0]
    values["backend_sections"] = "\n".join(
        render_text("cinder-backend.conf", {"backend": name, "az": zone})
        for name, zone in backends.items()
    )
    files["cinder"] = render("cinder.conf", region.dir / "cinder" / "cinder.conf", values)
    pools = region.dir / "cinder" / "pools.json"
    pools.write_text(json.dumps(catalog_pools(platform), indent=2), encoding="utf-8")
    files["cinder_pools"] = pools
    values = service_values(secret, region, "glance", region.dir / "glance")
    files["glance"] = render("glance-api.conf", region.dir / "glance" / "glance-api.conf", values)
    for sub in ["images", "staging", "tasks", "cache"]:
        (region.dir / "glance" / sub).mkdir(parents=True, exist_ok=True)
    return files


# --------------------------------------------------------------------------- MariaDB, RabbitMQ


def start_mariadb():
    base = STATE / "mariadb"
    data = base / "data"
    data.mkdir(parents=True)
    run(
        "mariadb-install-db",
        [
            "mariadb-install-db",
            "--no-defaults",
            f"--datadir={data}",
            "--user=root",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
            "--skip-name-resolve",
        ],
    )
    socket_path = base / "mysqld.sock"
    launch(
        "mariadb",
        [
            "mariadbd",
            "--no-defaults",
            "--user=root",
            f"--datadir={data}",
            f"--socket={socket_path}",
            f"--pid-file={base / 'mysqld.pid'}",
            f"--tmpdir={STATE / 'tmp'}",
            "--bind-address=127.0.0.1",
            f"--port={MARIADB_PORT}",
            "--skip-name-resolve",
            "--skip-log-bin",
            # A throwaway database: no flush at each commit, no doublewrite.
            "--innodb-flush-log-at-trx-commit=0",
            "--innodb-doublewrite=0",
            "--sync-binlog=0",
            "--innodb-buffer-pool-size=192M",
            "--performance-schema=OFF",
            "--max-connections=1000",
            "--character-set-server=utf8",
            "--collation-server=utf8_general_ci",
        ],
    )
    return socket_path


def mariadb_connect(socket_path):
    import pymysql

    return pymysql.connect(unix_socket=str(socket_path), user="root", autocommit=True)


def create_databases(socket_path, secret, regions):
    wait_for("MariaDB", lambda: mariadb_connect(socket_path).close() or True, ["mariadb"])
    names = ["keystone"]
    for region in regions:
        for suffix in ["nova_api", "nova", "nova_cell0", "placement", "neutron", "cinder", "glance"]:
            names.append(f"{region.db_prefix}_{suffix}")
    connection = mariadb_connect(socket_path)
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f"CREATE DATABASE `{name}`")
        cursor.execute("CREATE USER 'govcloud'@'127.0.0.1' IDENTIFIED BY %s", (secret.database,))
        cursor.execute("GRANT ALL PRIVILEGES ON *.* TO 'govcloud'@'127.0.0.1'")
    connection.close()


def rabbit_password_hash(password):
    salt = secrets.token_bytes(4)
    digest = hashlib.sha256(salt + password.encode("utf-8")).digest()
    return base64.b64encode(salt + digest).decode("ascii")


def start_rabbitmq(secret, regions):
    base = STATE / "rabbitmq"
    (base / "mnesia").mkdir(parents=True)
    definitions = {
        "users": [
            {
                "name": "govcloud",
                "password_hash": rabbit_password_hash(secret.amqp),
                "hashing_algorithm": "rabbit_password_hashing_sha256",
                "tags": ["administrator"],
            }
        ],
        # One vhost per region: both regions use the same topic names (conductor, scheduler).
        "vhosts": [{"name": region.name} for region in regions],
        "permissions": [
            {"user": "govcloud", "vhost": region.name, "configure": ".*", "write": ".*", "read": ".*"}
            for region in regions
        ],
    }
    (base / "definitions.json").write_text(json.dumps(definitions), encoding="utf-8")
    (base / "rabbitmq.conf").write_text(
        "\n".join(
            [
                f"listeners.tcp.default = 127.0.0.1:{AMQP_PORT}",
                f"load_definitions = {base / 'definitions.json'}",
                "loopback_users = none",
                "disk_free_limit.absolute = 50MB",
                "log.console = true",
                "log.console.level = warning",
                "log.file = false",
                "",
            ]
        ),
        encoding="utf-8",
    )
    (base / "enabled_plugins").write_text("[].\n", encoding="utf-8")
    (base / "rabbitmq-env.conf").write_text("", encoding="utf-8")
    (base / ".erlang.cookie").write_text(secrets.token_hex(16), encoding="utf-8")
    (base / ".erlang.cookie").chmod(0o400)
    erlang = {
        "HOME": str(base),
        "ERL_EPMD_ADDRESS": "127.0.0.1",
        "ERL_EPMD_PORT": str(EPMD_PORT),
    }
    # epmd first, on loopback: otherwise the Erlang VM starts one on every interface.
    launch("epmd", ["epmd", "-address", "127.0.0.1", "-port", str(EPMD_PORT)], erlang)
    wait_for("epmd", lambda: port_listening(EPMD_PORT), ["epmd"], timeout=60)
    launch(
        "rabbitmq",
        ["/usr/lib/rabbitmq/bin/rabbitmq-server"],
        {
            **erlang,
            "RABBITMQ_CONF_ENV_FILE": str(base / "rabbitmq-env.conf"),
            "RABBITMQ_NODENAME": "govcloud@localhost",
            "RABBITMQ_USE_LONGNAME": "false",
            "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
            "RABBITMQ_NODE_PORT": str(AMQP_PORT),
            "RABBITMQ_DIST_PORT": str(ERLANG_DIST_PORT),
            "RABBITMQ_CONFIG_FILE": str(base / "rabbitmq"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(base / "enabled_plugins"),
            "RABBITMQ_MNESIA_BASE": str(base / "mnesia"),
            "RABBITMQ_LOG_BASE": str(STATE / "logs"),
            "RABBITMQ_PID_FILE": str(base / "rabbitmq.pid"),
            "RABBITMQ_LOGS": "-",
            "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS": "-kernel inet_dist_use_interface {127,0,0,1}",
        },
    )


# --------------------------------------------------------------------------- listeners


def listening_ports():
    """Ports with a TCP listener on this machine, with the address each one is bound to."""
    found = {}
    for table, width in [("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)]:
        try:
            lines = Path(table).read_text(encoding="ascii").splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if parts[3] != "0A":  # LISTEN
                continue
            address, port = parts[1].split(":")
            found.setdefault(int(port, 16), set()).add(address if len(address) == width else "")
    return found


def socket_inodes(pid):
    inodes = set()
    try:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    except OSError:
        pass
    return inodes


def listeners_of(pids):
    """(address, port, protocol) of every TCP listener and bound UDP socket of these processes."""
    inodes = set()
    for pid in pids:
        inodes |= socket_inodes(pid)
    found = set()
    for table in ["tcp", "tcp6", "udp", "udp6"]:
        try:
            lines = Path(f"/proc/net/{table}").read_text(encoding="ascii").splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            listening = parts[3] == "0A" if table.startswith("tcp") else parts[3] == "07"
            if listening and parts[9] in inodes:
                address, port = parts[1].split(":")
                found.add((address, int(port, 16), table))
    return found


LOOPBACK = {"0100007F", "00000000000000000000000001000000"}


def check_loopback():
    """Every socket the cloud listens on is bound to 127.0.0.1 or ::1."""
    listeners = listeners_of(tagged_processes())
    outside = sorted(item for item in listeners if item[0] not in LOOPBACK)
    if outside:
        raise Failure(f"listeners not bound to loopback: {outside}")
    return len(listeners)


def port_listening(port):
    return port in listening_ports()


def all_ports(regions):
    ports = [KEYSTONE_PORT, MARIADB_PORT, AMQP_PORT, ERLANG_DIST_PORT, EPMD_PORT]
    for region in regions:
        ports.extend(region.port(service) for service in USUAL_PORTS)
    return ports


# --------------------------------------------------------------------------- Keystone


def start_keystone(secret, regions):
    base = STATE / "keystone"
    for sub in ["fernet-keys", "credential-keys", "lock"]:
        (base / sub).mkdir(mode=0o700, parents=True, exist_ok=True)
    conf = render("keystone.conf", base / "keystone.conf", {"dir": base, "db_url": db_url(secret)})
    manage = ["keystone-manage", "--config-file", str(conf)]
    # What fernet_setup and credential_setup write (a staged key 0 and a primary key 1), without
    # two more starts of keystone-manage.
    for sub in ["fernet-keys", "credential-keys"]:
        for index in ["0", "1"]:
            key = base / sub / index
            key.write_bytes(base64.urlsafe_b64encode(secrets.token_bytes(32)))
            key.chmod(0o600)
    run("keystone-manage", manage + ["db_sync"])
    url = f"{KEYSTONE_URL}/v3"
    run(
        "keystone-manage",
        manage
        + [
            "bootstrap",
            f"--bootstrap-password={secret.admin}",
            "--bootstrap-region-id",
            regions[0].name,
            "--bootstrap-admin-url",
            url,
            "--bootstrap-internal-url",
            url,
            "--bootstrap-public-url",
            url,
        ],
    )
    say("keystone: database ready")
    launch(
        "keystone",
        uwsgi(KEYSTONE_PORT, "/usr/bin/keystone-wsgi-public", processes=2),
        {"OS_KEYSTONE_CONFIG_DIR": str(base)},
    )
    wait_for("keystone", lambda: http_answers(f"{KEYSTONE_URL}/v3"), ["keystone"])
    say(f"keystone: answering at {url}")


def uwsgi(port, script, processes=1):
    return [
        "uwsgi",
        "--plugin",
        "python3",
        "--master",
        "--die-on-term",
        "--need-app",
        "--lazy-apps",
        "--enable-threads",
        "--http-socket",
        f"127.0.0.1:{port}",
        "--wsgi-file",
        script,
        "--processes",
        str(processes),
        "--threads",
        "2",
        "--buffer-size",
        "65535",
        # Without it clients now and then get "Connection reset by peer" on a kept-alive socket.
        "--add-header",
        "Connection: close",
        "--disable-logging",
    ]


def admin_connection(secret, region):
    import openstack

    return openstack.connect(
        auth_url=f"{KEYSTONE_URL}/v3",
        username="admin",
        password=secret.admin,
        project_name="admin",
        user_domain_name="Default",
        project_domain_name="Default",
        region_name=region.name,
        identity_api_version="3",
        interface="public",
        load_yaml_config=False,
        load_envvars=False,
    )


def endpoint_urls(region):
    return {
        ("compute", "nova"): f"http://127.0.0.1:{region.port('nova')}/v2.1",
        ("placement", "placement"): f"http://127.0.0.1:{region.port('placement')}",
        ("network", "neutron"): f"http://127.0.0.1:{region.port('neutron')}",
        ("volumev3", "cinderv3"): f"http://127.0.0.1:{region.port('cinder')}/v3/%(project_id)s",
        ("image", "glance"): f"http://127.0.0.1:{region.port('glance')}",
    }


def bootstrap_identity(secret, regions):
    """Regions, catalog, service accounts, the automation account and the owners' accounts."""
    connection = admin_connection(secret, regions[0])
    identity = connection.identity
    roles = {role.name: role for role in identity.roles()}
    for needed in ["admin", "member", "reader"]:
        if needed not in roles:
            raise Failure(f"keystone bootstrap made no role {needed}")
    admin_project = identity.find_project("admin", domain_id="default", ignore_missing=False)
    keystone_service = next(s for s in identity.services() if s.type == "identity")
    for region in regions[1:]:
        identity.create_region(id=region.name)
        for interface in ["public", "internal", "admin"]:
            identity.create_endpoint(
                service_id=keystone_service.id,
                interface=interface,
                url=f"{KEYSTONE_URL}/v3",
                region_id=region.name,
            )
    service_project = identity.create_project(name="service", domain_id="default")
    for name in SERVICE_USERS:
        user = identity.create_user(name=name, password=secret.service, domain_id="default")
        identity.assign_project_role_to_user(service_project, user, roles["admin"])
    services = {}
    for region in regions:
        for (kind, name), url in endpoint_urls(region).items():
            if kind not in services:
                services[kind] = identity.create_service(type=kind, name=name, enabled=True)
            for interface in ["public", "internal"]:
                identity.create_endpoint(
                    service_id=services[kind].id,
                    interface=interface,
                    url=url,
                    region_id=region.name,
                )
    # The platform's automation account: admin in the admin project, as the admin provider
    # (projects, quotas, flavors, external networks) needs.
    automation = identity.create_user(
        name=AUTOMATION_USER, password=secret.automation, domain_id="default"
    )
    identity.assign_project_role_to_user(admin_project, automation, roles["admin"])
    # The departments' owners are looked up by login id; the city directory behind the real
    # Keystone has them, this one gets them as local users with a password nobody knows. Enabled:
    # the provider's user look-up (openstack_identity_user_v3) finds enabled users only.
    say(f"keystone: catalog of {len(regions)} regions, service accounts, {AUTOMATION_USER}")
    # The scheduler and the computes may start now; the owners follow in the meantime.
    IDENTITY_READY.set()
    owners = department_owners()

    def create_owners(names):
        for owner in names:
            identity.create_user(
                name=owner, password=secrets.token_urlsafe(24), domain_id="default"
            )

    parallel([lambda part=owners[i::4]: create_owners(part) for i in range(4)])
    say(f"keystone: {len(owners)} department owners")


# --------------------------------------------------------------------------- a region


class RegionRun:
    def __init__(self, region, secret, platform):
        self.region = region
        self.secret = secret
        self.platform = platform
        self.files = write_region_configs(secret, region, platform)
        self.names = []
        # Set once Nova's databases have their tables and the conductor runs.
        self.nova_ready = threading.Event()

    def name(self, service):
        return f"{self.region.name}-{service}"

    def launch(self, service, argv, env=None):
        name = self.name(service)
        self.names.append(name)
        launch(name, argv, env)

    def run(self, service, argv, env=None, capture=False):
        # The region's syncs yield to Keystone's, which every later step waits for.
        return run(self.name(service), ["nice", "-n", "5", *argv], env, capture=capture)

    def say(self, message):
        say(f"{self.region.name}: {message}")

    # Each of these runs in a thread of its own: the database syncs are the slow part.

    def placement(self):
        env = {"OS_PLACEMENT_CONFIG_DIR": str(self.files["placement"].parent)}
        conf = ["--config-file", str(self.files["placement"])]
        self.run("placement-manage", ["placement-manage", *conf, "db", "sync"])
        self.launch("placement", uwsgi(self.region.port("placement"), "/usr/bin/placement-api"), env)
        self.say("placement started")

    def nova(self):
        conf = ["--config-file", str(self.files["nova"])]
        manage = ["nova-manage", *conf]
        cell0 = f"{db_url(self.secret)}/{self.region.db_prefix}_nova_cell0"
        self.run("nova-manage", manage + ["api_db", "sync"])
        self.run("nova-manage", manage + ["cell_v2", "map_cell0", "--database_connection", cell0])
        self.run("nova-manage", manage + ["cell_v2", "create_cell", "--name", "cell1"])
        self.run("nova-manage", manage + ["db", "sync"])
        self.launch("nova-api", ["nova-api", *conf])
        self.launch("nova-conductor", ["nova-conductor", *conf])
        self.nova_ready.set()
        self.say("nova api and conductor started")

    def after_identity(self):
        """The scheduler and the computes once the service accounts exist, Nova's databases have
        their tables and placement answers: the scheduler exits when its cell's database has no
        tables yet or it cannot reach placement at start, and a compute service reports its
        resources at start and otherwise only at its next periodic run."""
        IDENTITY_READY.wait()
        if ABORT.is_set():
            return
        # Keystone is usually ready first, but not always: a busy machine once started the
        # scheduler while "nova-manage db sync" was still creating the tables it reads.
        wait_for(f"{self.region.name} nova databases", self.nova_ready.is_set, timeout=SYNC_TIMEOUT)
        wait_for(
            "placement",
            lambda: http_answers(f"http://127.0.0.1:{self.region.port('placement')}/"),
            [self.name("placement")],
        )
        conf = ["--config-file", str(self.files["nova"])]
        self.launch("nova-scheduler", ["nova-scheduler", *conf])
        code = "import sys; from nova.cmd.compute import main; sys.exit(main())"
        for host in self.region.compute_hosts:
            self.launch(
                host.removeprefix(f"{self.region.name}-"),
                [
                    "python3",
                    "-c",
                    code,
                    "--config-file",
                    str(self.files["nova"]),
                    "--config-file",
                    str(self.files["nova"].parent / f"{host}.conf"),
                ],
            )
        self.say(f"nova scheduler and {len(self.region.compute_hosts)} compute services started")

    def neutron(self):
        conf = ["--config-file", str(self.files["neutron"]), "--config-file", str(self.files["ml2"])]
        self.run("neutron-db-manage", ["neutron-db-manage", *conf, "upgrade", "heads"])
        self.launch("neutron-server", ["neutron-server", *conf])
        self.say("neutron started")

    def cinder(self):
        conf = ["--config-file", str(self.files["cinder"])]
        self.run("cinder-manage", ["cinder-manage", *conf, "db", "sync"])
        self.launch("cinder-api", ["cinder-api", *conf])
        self.launch("cinder-scheduler", ["cinder-scheduler", *conf])
        self.launch(
            "cinder-volume",
            ["cinder-volume", *conf],
            {"GOVCLOUD_CINDER_POOLS": str(self.files["cinder_pools"])},
        )
        self.say("cinder started")

    def glance(self):
        conf = ["--config-file", str(self.files["glance"])]
        self.run("glance-manage", ["glance-manage", *conf, "db_sync"])
        self.launch("glance-api", ["glance-api", *conf])
        self.say("glance started")

    # After every service is up.

    def finish(self):
        self.wait_apis()
        self.bootstrap()

    def wait_apis(self):
        for service in USUAL_PORTS:
            url = f"http://127.0.0.1:{self.region.port(service)}/"
            wait_for(f"{self.region.name} {service} API", lambda u=url: http_answers(u), self.names)
        self.say("every API answers")

    def bootstrap(self):
        region = self.region
        connection = admin_connection(self.secret, region)
        self.zones(connection)
        self.external_network(connection)
        self.images(connection)
        self.volume_pools(connection)
        if os.environ.get("GOVCLOUD_CLOUD_CATALOG") == "1":
            self.catalog(connection)

    def catalog(self, connection):
        """Flavors and volume types as the platform stack creates them (site-catalog.ts), for
        previewing departments without it. Off by default: the platform stack would then fail
        on names that exist."""
        catalog = self.platform.get("catalog", {})
        for flavor in catalog.get("flavors", []):
            connection.compute.create_flavor(
                name=flavor["name"],
                vcpus=flavor["vcpus"],
                ram=flavor["ramGiB"] * 1024,
                disk=flavor["diskGiB"],
                is_public=flavor["public"],
            )
        for volume_type in catalog.get("volumeTypes", []):
            replicated = volume_type.get("replication", "none") != "none"
            specs = {
                "volume_backend_name": volume_type["backend"],
                "replication_enabled": "<is> True" if replicated else "<is> False",
            }
            if replicated:
                specs["replication_type"] = f"<in> {volume_type['replication']}"
            connection.block_storage.create_type(
                name=volume_type["name"],
                description=volume_type.get("description", ""),
                is_public=True,
                extra_specs=specs,
            )
        flavors, types = len(catalog.get("flavors", [])), len(catalog.get("volumeTypes", []))
        self.say(f"catalog: {flavors} flavors, {types} volume types")

    def zones(self, connection):
        """One host aggregate per availability zone, each compute host in its zone. A host joins
        once it has its resource provider (else placement would not learn of the zone) and is
        mapped into the cell."""
        hosts = self.region.compute_hosts

        def providers_ready():
            names = {rp.name for rp in connection.placement.resource_providers()}
            return all(host in names for host in hosts)

        wait_for(f"{self.region.name} resource providers", providers_ready, self.names)
        self.map_hosts()
        aggregates = {}
        for zone in sorted({zone for zone in hosts.values() if zone}):
            aggregates[zone] = connection.compute.create_aggregate(name=zone, availability_zone=zone)
        for host, zone in hosts.items():

            def add(host=host, zone=zone):
                if zone is None:
                    return any(s.host == host for s in connection.compute.services())
                connection.compute.add_host_to_aggregate(aggregates[zone], host)
                return True

            wait_for(f"{host} in its zone", add, self.names, interval=1)
        placed = ", ".join(f"{host} ({zone or 'nova'})" for host, zone in hosts.items())
        self.say(f"computes mapped: {placed}")

    def map_hosts(self):
        """Maps the compute hosts into the cell before anything is scheduled. The scheduler maps
        new hosts itself, but periodically; until it has, it may still pick an unmapped host
        (placement knows it), and the instance goes to ERROR ("Host ... is not mapped to any
        cell"): the first instance of an engine test once did."""
        conf = ["nova-manage", "--config-file", str(self.files["nova"]), "cell_v2"]

        def mapped():
            self.run("nova-manage", [*conf, "discover_hosts"])
            listed = self.run("nova-manage", [*conf, "list_hosts"], capture=True)
            names = re.findall(r"^\|[^|]*\|[^|]*\|\s*(\S+)\s*\|$", listed, re.MULTILINE)
            return all(host in names for host in self.region.compute_hosts)

        wait_for(f"{self.region.name} compute hosts mapped into the cell", mapped, self.names, interval=2)

    def external_network(self, connection):
        name = self.region.external_network
        if not name:
            return
        network = connection.network.create_network(
            name=name,
            is_router_external=True,
            is_shared=False,
            provider_network_type="flat",
            provider_physical_network=PHYSNET,
        )
        cidr = EXTERNAL_CIDRS[self.region.index]
        prefix = cidr.rsplit(".", 1)[0]
        connection.network.create_subnet(
            name=f"{name}-subnet",
            network_id=network.id,
            ip_version=4,
            cidr=cidr,
            gateway_ip=f"{prefix}.1",
            is_dhcp_enabled=False,
            allocation_pools=[{"start": f"{prefix}.10", "end": f"{prefix}.250"}],
        )
        self.say(f"external network {name} ({cidr})")

    def images(self, connection):
        images = self.platform.get("catalog", {}).get("images", [])
        for image in images:
            response = connection.image.post(
                "/images",
                json={
                    "name": image["name"],
                    "disk_format": "raw",
                    "container_format": "bare",
                    "visibility": "public",
                    "min_disk": int(image.get("minDiskGiB", 0)),
                    "min_ram": int(image.get("minRamGiB", 0)) * 1024,
                    "os_distro": image.get("os", ""),
                },
            )
            response.raise_for_status()
            image_id = response.json()["id"]
            upload = connection.image.put(
                f"/images/{image_id}/file",
                data=b"govcloud test image: no operating system\n",
                headers={"Content-Type": "application/octet-stream"},
            )
            upload.raise_for_status()
        self.say(f"{len(images)} images uploaded")

    def volume_pools(self, connection):
        expected = {
            f"{self.region.name}-volume@backend-{zone}#{pool['name']}"
            for zone in self.region.volume_zones
            for pool in catalog_pools(self.platform)
        }

        def reported():
            names = {pool.name for pool in connection.block_storage.backend_pools()}
            return expected <= names

        wait_for(f"{self.region.name} volume pools", reported, self.names)
        self.say(f"cinder reports {len(expected)} pools")


# --------------------------------------------------------------------------- clouds.yaml


def write_clouds_yaml(secret, regions):
    clouds = {}
    for region in regions:
        clouds[region.cloud] = {
            "auth": {
                "auth_url": f"{KEYSTONE_URL}/v3",
                "username": AUTOMATION_USER,
                "password": secret.automation,
                "user_domain_name": "Default",
                "project_name": "admin",
                "project_domain_name": "Default",
            },
            "region_name": region.name,
            "identity_api_version": 3,
            "interface": "public",
        }
    path = STATE / "clouds.yaml"
    path.write_text(
        "# The loopback test cloud (scripts/cloud/start): the automation account per region.\n"
        + yaml.safe_dump({"clouds": clouds}, sort_keys=False),
        encoding="utf-8",
    )
    path.chmod(0o600)
    (STATE / "env").write_text(f"export OS_CLIENT_CONFIG_FILE={path}\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- start, stop


def prepare_state():
    if STATE.exists():
        if not (STATE / MARKER).exists():
            raise Failure(f"{STATE} exists and is not a test cloud's folder: not touching it")
        shutil.rmtree(STATE)
    for sub in ["pids", "logs", "tmp", "home"]:
        (STATE / sub).mkdir(parents=True, exist_ok=True)
    STATE.chmod(0o700)
    (STATE / MARKER).write_text("", encoding="utf-8")


def start():
    try:
        start_cloud()
    except BaseException:
        if os.environ.get("GOVCLOUD_CLOUD_KEEP_ON_FAILURE") != "1":
            print("start failed: stopping what was started (logs stay in the state folder)", flush=True)
            try:
                stop(purge=False)
            except Failure as error:
                print(error, file=sys.stderr)
        raise


def start_cloud():
    if os.geteuid() != 0:
        raise Failure("start runs as root (services run as root, MariaDB with --user=root)")
    platform, regions = load_platform()
    if tagged_processes():
        say("a previous cloud is still running: stopping it first")
        stop(purge=False)
    busy = [port for port in all_ports(regions) if port_listening(port)]
    if busy:
        owners = describe_pids(sorted({pid for port in busy for pid in port_owners(port)}))
        raise Failure(
            f"ports {busy} are in use, by {owners}; another cloud can run beside it with "
            f"GOVCLOUD_CLOUD_PORT_OFFSET (e.g. 1000) and its own GOVCLOUD_CLOUD_DIR"
        )
    prepare_state()
    (STATE / "port-offset").write_text(f"{PORT_OFFSET}\n", encoding="utf-8")
    secret = Secrets.new()
    (STATE / "secrets.json").write_text(json.dumps(secret.__dict__, indent=2), encoding="utf-8")
    (STATE / "secrets.json").chmod(0o600)
    say(f"state in {STATE}; regions {', '.join(r.name for r in regions)}")

    def databases():
        socket_path = start_mariadb()
        create_databases(socket_path, secret, regions)

    parallel([databases, lambda: start_rabbitmq(secret, regions)])
    say("mariadb and rabbitmq started")

    runs = [RegionRun(region, secret, platform) for region in regions]

    def keystone():
        start_keystone(secret, regions)
        bootstrap_identity(secret, regions)

    steps = [keystone]
    for region_run in runs:
        steps += [
            region_run.nova,
            region_run.neutron,
            region_run.cinder,
            region_run.glance,
            region_run.placement,
            region_run.after_identity,
        ]
    parallel(steps)
    parallel([region_run.finish for region_run in runs])

    say(f"{check_loopback()} listening sockets, all on 127.0.0.1 or ::1")
    clouds = write_clouds_yaml(secret, regions)
    say(f"clouds.yaml: {clouds} (entries {', '.join(r.cloud for r in regions)})")
    say(f"ready in {time.monotonic() - STARTED:.0f} s")
    print(f"\n  export OS_CLIENT_CONFIG_FILE={clouds}\n  openstack --os-cloud {regions[0].cloud} server list\n")


def parallel(steps):
    """Runs the steps in threads; the first failure stops the wait and is raised. The threads
    are daemons: a step still waiting does not hold the process once start gives up."""
    results = queue.Queue()

    def body(step):
        try:
            step()
            results.put(None)
        except BaseException as error:  # noqa: BLE001 - handed to the main thread
            results.put(error)

    for step in steps:
        threading.Thread(target=body, args=(step,), daemon=True).start()
    for _ in steps:
        error = results.get()
        if error is not None:
            ABORT.set()
            IDENTITY_READY.set()  # steps waiting for it go on to see ABORT
            raise error


def proc_entries():
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            yield entry


def process_info(entry):
    """(state, session, environment, command line) of a process, or None once it is gone."""
    try:
        fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        environment = (entry / "environ").read_bytes().split(b"\0")
        command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return None
    return fields[0], int(fields[3]), environment, command


def is_ours(info, sessions):
    """Started from this state folder: the tag in its environment, or (for a service that
    retitles itself, as neutron-server does, and so overwrites the environment the kernel
    shows) a recorded session and this state folder in its command line. A PID alone is not
    enough: after a failed stop, a recorded PID may since belong to another process."""
    _, session, environment, command = info
    if f"{TAG}={STATE}".encode() in environment:
        return True
    return session in sessions and f"{STATE}/".encode() in command


def tagged_processes():
    """PIDs of every live process started by this state folder, whatever forked it."""
    sessions = set(recorded_pids().values())
    found = []
    for entry in proc_entries():
        info = process_info(entry)
        if info is None or info[0] in ("Z", "X"):
            continue
        if is_ours(info, sessions):
            found.append(int(entry.name))
    return found


def recorded_pids():
    pids = {}
    for path in sorted((STATE / "pids").glob("*.pid")) if (STATE / "pids").exists() else []:
        try:
            pids[path.stem] = int(path.read_text().strip())
        except ValueError:
            continue
    return pids


def signal_group(pid, signum):
    try:
        os.killpg(pid, signum)
    except ProcessLookupError:
        pass
    except PermissionError:
        pass


INFRASTRUCTURE = ("mariadb", "rabbitmq", "epmd")


def session_members(sessions):
    """Our live processes in these sessions."""
    found = []
    for entry in proc_entries():
        info = process_info(entry)
        if info is None or info[0] in ("Z", "X") or info[1] not in sessions:
            continue
        if is_ours(info, sessions):
            found.append(int(entry.name))
    return found


def terminate(names, pids, timeout):
    """TERM to each service's process group, KILL to what is left after the timeout. A group
    is signalled only while its leader is still ours; members are also signalled one by one."""
    sessions = {pids[name] for name in names}
    recorded = set(pids.values())

    def send(signum):
        members = session_members(sessions)
        for leader in sessions:
            info = process_info(Path(f"/proc/{leader}"))
            if info is not None and is_ours(info, recorded):
                signal_group(leader, signum)
        for pid in members:
            try:
                os.kill(pid, signum)
            except ProcessLookupError:
                pass
        return members

    send(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and session_members(sessions):
        time.sleep(0.3)
    left = session_members(sessions)
    if left:
        print(f"stop: still running after {timeout} s, killing: {sorted(left)}", flush=True)
        send(signal.SIGKILL)


def port_owners(port):
    """PIDs whose sockets listen on this port."""
    inodes = set()
    for table in ["tcp", "tcp6"]:
        try:
            lines = Path(f"/proc/net/{table}").read_text(encoding="ascii").splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if parts[3] == "0A" and int(parts[1].split(":")[1], 16) == port:
                inodes.add(parts[9])
    return sorted(
        int(entry.name) for entry in proc_entries() if socket_inodes(entry.name) & inodes
    )


def describe_pids(pids):
    described = []
    for pid in pids:
        info = process_info(Path(f"/proc/{pid}"))
        command = info[3].decode(errors="replace")[:100] if info else "?"
        described.append(f"{pid} ({command.strip()})")
    return ", ".join(described) or "unknown"


def stop(purge=False, timeout=20):
    started = time.monotonic()
    _, regions = load_platform()
    pids = recorded_pids()
    # Every service leads its own session and process group, which holds its workers. The
    # OpenStack services go first, while the database and the broker they drain into still run.
    terminate([name for name in pids if name not in INFRASTRUCTURE], pids, timeout)
    terminate([name for name in INFRASTRUCTURE if name in pids], pids, timeout)
    # Whatever escaped its group (a daemon that made a session of its own) still has the tag.
    for pid in tagged_processes():
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and tagged_processes():
        time.sleep(0.2)
    problems = []
    left = tagged_processes()
    if left:
        problems.append(f"processes left: {left}")
    ports = listening_ports()
    ours = set(tagged_processes())
    for port in sorted(port for port in all_ports(regions) if port in ports):
        owners = port_owners(port)
        if set(owners) & ours or not owners:
            problems.append(f"port {port} still listening")
        else:
            print(f"stop: port {port} is used by another program: {describe_pids(owners)}")
    if not problems and (STATE / "pids").exists():
        for path in (STATE / "pids").glob("*.pid"):
            path.unlink()
    if purge and STATE.exists() and (STATE / MARKER).exists():
        shutil.rmtree(STATE)
    took = time.monotonic() - started
    if problems:
        raise Failure("stop: " + "; ".join(problems))
    print(f"stop: {len(pids)} services stopped in {took:.1f} s; nothing left running", flush=True)


# The services that answer on a port of their region, and which one.
SERVICE_PORTS = {
    "nova-api": "nova",
    "cinder-api": "cinder",
    "placement": "placement",
    "glance-api": "glance",
    "neutron-server": "neutron",
}


def region_service(region_name, service):
    """The recorded name (`<region>-<service>`) and the region of one service of one region."""
    _, regions = load_platform()
    region = next((r for r in regions if r.name == region_name), None)
    if region is None:
        names = ", ".join(r.name for r in regions)
        raise Failure(f"no region {region_name}; the regions are {names}")
    name = f"{region.name}-{service}"
    pids = recorded_pids()
    if name not in pids:
        prefix = f"{region.name}-"
        known = ", ".join(sorted(n.removeprefix(prefix) for n in pids if n.startswith(prefix)))
        raise Failure(f"{name} is not a service of the cloud in {STATE}; {region.name} has {known}")
    return name, region, pids


def stop_service(region_name, service, timeout=20):
    """Stops one service of one region by its recorded PID (TERM to its process group, KILL after
    the timeout), as `stop` does for all of them; the rest of the cloud keeps running."""
    started = time.monotonic()
    name, region, pids = region_service(region_name, service)
    if not session_members({pids[name]}):
        raise Failure(f"{name} is not running")
    terminate([name], pids, timeout)
    left = session_members({pids[name]})
    if left:
        raise Failure(f"{name}: processes left: {left}")
    if service in SERVICE_PORTS:
        port = region.port(SERVICE_PORTS[service])
        wait_for(f"port {port} to close", lambda: not port_listening(port), timeout=timeout)
    took = time.monotonic() - started
    print(f"service: {name} (pid {pids[name]}) stopped in {took:.1f} s", flush=True)


def start_service(region_name, service):
    """Starts one service stopped by stop_service again, with the command line and environment
    start gave it; an API service once it answers on its port again."""
    started = time.monotonic()
    name, region, pids = region_service(region_name, service)
    if session_members({pids[name]}):
        raise Failure(f"{name} is running already (pid {pids[name]})")
    record = STATE / "launches" / f"{name}.json"
    if not record.exists():
        raise Failure(f"{record} is missing: this cloud was started before services were recorded")
    launched = json.loads(record.read_text(encoding="utf-8"))
    process = launch(name, launched["argv"], launched["env"])
    if service in SERVICE_PORTS:
        url = f"http://127.0.0.1:{region.port(SERVICE_PORTS[service])}/"
        wait_for(f"{name} to answer at {url}", lambda: http_answers(url), [name])
    check_loopback()
    print(
        f"service: {name} started (pid {process.pid}) in {time.monotonic() - started:.1f} s",
        flush=True,
    )


def pss_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def status():
    """Each recorded service: its PID, whether it runs, and the memory (PSS) of its session."""
    pids = recorded_pids()
    if not pids:
        print(f"no cloud recorded in {STATE}")
        return 1
    members = {}
    for pid in tagged_processes():
        try:
            session = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[3])
        except (OSError, ValueError):
            continue
        members.setdefault(session, []).append(pid)
    _, regions = load_platform()
    totals = {}
    down = 0
    for name, pid in sorted(pids.items()):
        alive = pid in members
        down += 0 if alive else 1
        kib = sum(pss_kib(member) for member in members.get(pid, []))
        group = next((r.name for r in regions if name.startswith(f"{r.name}-")), "shared")
        totals[group] = totals.get(group, 0) + kib
        state = "up" if alive else "DOWN"
        print(f"  {name:28} {pid:>8} {state:5} {kib / 1024:7.0f} MB")
    summary = ", ".join(f"{group} {kib / 1024:.0f} MB" for group, kib in sorted(totals.items()))
    print(f"memory (PSS): {summary}; total {sum(totals.values()) / 1024:.0f} MB")
    return 1 if down else 0


ERROR_LINE = re.compile(r"\s(ERROR|CRITICAL)\s")


def errors(lines=6):
    """The last ERROR or CRITICAL lines of each service's log, for a run that failed: OpenStack
    logs a traceback one line at a time, so the last lines end with the exception. The cloud's
    own passwords are replaced by "***" (a database URL in a traceback would show one)."""
    logs = sorted((STATE / "logs").glob("*.log")) if (STATE / "logs").is_dir() else []
    try:
        recorded = json.loads((STATE / "secrets.json").read_text(encoding="utf-8")).values()
        # Generated tokens; a short value would mask ordinary words.
        passwords = [str(value) for value in recorded if len(str(value)) >= 8]
    except (OSError, ValueError):
        passwords = []
    shown = 0
    for path in logs:
        text = path.read_text(encoding="utf-8", errors="replace").splitlines()
        found = [line for line in text if ERROR_LINE.search(line)]
        if not found:
            continue
        shown += 1
        print(f"{path.stem}: {len(found)} error lines; the last {min(lines, len(found))}:")
        for line in found[-lines:]:
            for password in passwords:
                line = line.replace(password, "***")
            print(f"    {line[:400]}")
    print(f"errors: {shown} of {len(logs)} service logs in {STATE / 'logs'} have error lines")
    return 0


def main(argv):
    os.environ.update({"no_proxy": "127.0.0.1,localhost", "NO_PROXY": "127.0.0.1,localhost"})
    # The clients' plug-in cache (stevedore) goes to the state folder, not to root's home.
    os.environ["XDG_CACHE_HOME"] = str(STATE / "home" / ".cache")
    for key in list(os.environ):
        if key.startswith("OS_") or key.lower() in ("http_proxy", "https_proxy", "all_proxy"):
            del os.environ[key]
    command = argv[1] if len(argv) > 1 else ""
    try:
        recorded = STATE / "port-offset"
        if command != "start" and recorded.exists():
            set_port_offset(int(recorded.read_text().strip()))
        else:
            set_port_offset(int(os.environ.get("GOVCLOUD_CLOUD_PORT_OFFSET") or "0"))
        if command == "start":
            start()
        elif command == "stop":
            stop(purge="--purge" in argv[2:])
        elif command == "service" and len(argv) == 5 and argv[2] in ("stop", "start"):
            action, region_name, service = argv[2:]
            (stop_service if action == "stop" else start_service)(region_name, service)
        elif command == "status":
            code = status()
            if code == 0:
                print(f"{check_loopback()} listening sockets, all on 127.0.0.1 or ::1")
            return code
        elif command == "errors":
            return errors()
        elif command == "regions":
            # For scripts/cloud/smoke: region, clouds.yaml entry, zones, external network, image.
            platform, regions = load_platform()
            images = platform.get("catalog", {}).get("images", [])
            for region in regions:
                zones = ",".join(region.zones) or "nova"
                image = images[0]["name"] if images else ""
                print(region.name, region.cloud, zones, region.external_network, image)
        else:
            print(
                "usage: cloud.py start | stop [--purge] | status | errors | regions"
                " | service stop|start <region> <service>",
                file=sys.stderr,
            )
            return 2
    except Failure as error:
        print(f"{command}: {error}", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
