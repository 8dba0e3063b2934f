// Written by hand in the form pulumi-language-nodejs generates for the terraform-provider
// package parameterized with dmacvicar/libvirt 0.9.2 (see README.md). What it declares is
// checked against that provider's schema by tests/libvirt-sdk.

import * as pulumi from "@pulumi/pulumi";
import * as inputs from "../types/input";
import * as outputs from "../types/output";

export interface DomainCpu {
    /**
     * CPU check policy (none, partial, full).
     */
    check?: string;
    /**
     * CPU match policy (exact, minimum, strict).
     */
    match?: string;
    /**
     * Whether the CPU is migratable.
     */
    migratable?: boolean;
    /**
     * CPU mode (host-model, host-passthrough, custom, maximum).
     */
    mode?: string;
}

export interface DomainCreate {
    /**
     * Destroy the domain when the connection closes (VIR_DOMAIN_START_AUTODESTROY).
     */
    autodestroy?: boolean;
    /**
     * Avoid file system cache pollution (VIR_DOMAIN_START_BYPASS_CACHE).
     */
    bypassCache?: boolean;
    /**
     * Boot, discarding any managed save state (VIR_DOMAIN_START_FORCE_BOOT).
     */
    forceBoot?: boolean;
    /**
     * Launch the domain paused (VIR_DOMAIN_START_PAUSED).
     */
    paused?: boolean;
    /**
     * Re-initialize NVRAM from its template (VIR_DOMAIN_START_RESET_NVRAM).
     */
    resetNvram?: boolean;
    /**
     * Validate the XML document against the schema (VIR_DOMAIN_START_VALIDATE).
     */
    validate?: boolean;
}

export interface DomainDestroy {
    /**
     * Attempt a graceful shutdown before forcing. Defaults to true.
     */
    graceful?: boolean;
    /**
     * Seconds to wait for a graceful shutdown before forcing. Defaults to 300.
     */
    timeout?: number;
}

export interface DomainDevices {
    /**
     * Console devices.
     */
    consoles?: outputs.DomainDevicesConsole[];
    /**
     * Disk devices attached to the domain.
     */
    disks?: outputs.DomainDevicesDisk[];
    /**
     * Host directories shared with the guest.
     */
    filesystems?: outputs.DomainDevicesFilesystem[];
    /**
     * Graphics devices (VNC or Spice).
     */
    graphics?: outputs.DomainDevicesGraphic[];
    /**
     * Network interfaces attached to the domain.
     */
    interfaces?: outputs.DomainDevicesInterface[];
    /**
     * Serial devices.
     */
    serials?: outputs.DomainDevicesSerial[];
    /**
     * TPM devices.
     */
    tpms?: outputs.DomainDevicesTpm[];
    /**
     * Video devices.
     */
    videos?: outputs.DomainDevicesVideo[];
}

export interface DomainDevicesConsole {
    /**
     * Host side of the console.
     */
    source?: outputs.DomainDevicesConsoleSource;
    /**
     * Guest side of the console.
     */
    target?: outputs.DomainDevicesConsoleTarget;
}

export interface DomainDevicesConsoleSource {
    /**
     * Write the character device output to a file.
     */
    file?: outputs.DomainDevicesConsoleSourceFile;
    /**
     * Allocate a pseudo TTY.
     */
    pty?: outputs.DomainDevicesConsoleSourcePty;
    /**
     * Connect to a UNIX domain socket.
     */
    unix?: outputs.DomainDevicesConsoleSourceUnix;
}

export interface DomainDevicesConsoleSourceFile {
    /**
     * Append to the file (on, off).
     */
    append?: string;
    /**
     * Path of the file.
     */
    path: string;
}

export interface DomainDevicesConsoleSourcePty {
    /**
     * Path of the pseudo TTY.
     */
    path: string;
}

export interface DomainDevicesConsoleSourceUnix {
    /**
     * bind or connect.
     */
    mode?: string;
    /**
     * Path of the socket.
     */
    path?: string;
}

export interface DomainDevicesConsoleTarget {
    /**
     * Target port number.
     */
    port?: number;
    /**
     * Target type (serial, virtio, xen, ...).
     */
    type?: string;
}

export interface DomainDevicesDisk {
    /**
     * Device type (disk, cdrom, floppy, lun).
     */
    device?: string;
    /**
     * Hypervisor driver settings for the disk.
     */
    driver?: outputs.DomainDevicesDiskDriver;
    /**
     * Expose the disk read-only to the guest.
     */
    readOnly?: boolean;
    /**
     * Where the disk data comes from.
     */
    source?: outputs.DomainDevicesDiskSource;
    /**
     * How the disk appears in the guest.
     */
    target?: outputs.DomainDevicesDiskTarget;
}

export interface DomainDevicesDiskDriver {
    /**
     * Cache mode (default, none, writethrough, writeback, directsync, unsafe).
     */
    cache?: string;
    /**
     * Discard mode (ignore, unmap).
     */
    discard?: string;
    /**
     * I/O mode (threads, native, io_uring).
     */
    io?: string;
    /**
     * Driver name (e.g. qemu).
     */
    name?: string;
    /**
     * Image format (e.g. qcow2, raw).
     */
    type?: string;
}

export interface DomainDevicesDiskSource {
    /**
     * Host block device.
     */
    block?: outputs.DomainDevicesDiskSourceBlock;
    /**
     * Host file.
     */
    file?: outputs.DomainDevicesDiskSourceFile;
    /**
     * Network block storage (rbd, iscsi, nbd, ...).
     */
    network?: outputs.DomainDevicesDiskSourceNetwork;
    /**
     * Libvirt storage volume.
     */
    volume?: outputs.DomainDevicesDiskSourceVolume;
}

export interface DomainDevicesDiskSourceBlock {
    /**
     * Path of the host block device.
     */
    dev: string;
}

export interface DomainDevicesDiskSourceFile {
    /**
     * Path of the host file.
     */
    file: string;
}

export interface DomainDevicesDiskSourceNetwork {
    /**
     * Storage servers.
     */
    hosts?: outputs.DomainDevicesDiskSourceNetworkHost[];
    /**
     * Name of the volume or image on the server (e.g. pool/image).
     */
    name?: string;
    /**
     * Protocol (rbd, iscsi, nbd, gluster, http, https, ...).
     */
    protocol: string;
}

export interface DomainDevicesDiskSourceNetworkHost {
    /**
     * Host name or address.
     */
    name?: string;
    /**
     * Port.
     */
    port?: string;
}

export interface DomainDevicesDiskSourceVolume {
    /**
     * Name of the storage pool.
     */
    pool?: string;
    /**
     * Name of the volume in the pool.
     */
    volume?: string;
}

export interface DomainDevicesDiskTarget {
    /**
     * Bus type (virtio, scsi, sata, ide, usb).
     */
    bus?: string;
    /**
     * Device name in the guest (e.g. vda, sda).
     */
    dev: string;
}

export interface DomainDevicesFilesystem {
    /**
     * Access mode (mapped, passthrough, squash).
     */
    accessMode?: string;
    /**
     * Filesystem driver.
     */
    driver?: outputs.DomainDevicesFilesystemDriver;
    /**
     * Mount the filesystem read-only in the guest.
     */
    readOnly?: boolean;
    /**
     * Host side of the share.
     */
    source?: outputs.DomainDevicesFilesystemSource;
    /**
     * Guest side of the share.
     */
    target?: outputs.DomainDevicesFilesystemTarget;
}

export interface DomainDevicesFilesystemDriver {
    /**
     * Driver type (path, handle, virtiofs).
     */
    type?: string;
}

export interface DomainDevicesFilesystemSource {
    /**
     * Host directory to share.
     */
    mount?: outputs.DomainDevicesFilesystemSourceMount;
}

export interface DomainDevicesFilesystemSourceMount {
    /**
     * Host directory path.
     */
    dir: string;
}

export interface DomainDevicesFilesystemTarget {
    /**
     * Mount tag visible in the guest.
     */
    dir: string;
}

export interface DomainDevicesGraphic {
    /**
     * Spice server.
     */
    spice?: outputs.DomainDevicesGraphicSpice;
    /**
     * VNC server.
     */
    vnc?: outputs.DomainDevicesGraphicVnc;
}

export interface DomainDevicesGraphicSpice {
    /**
     * Allocate the port automatically.
     */
    autoPort?: boolean;
    /**
     * Listen address.
     */
    listen?: string;
    /**
     * TCP port (-1 for automatic).
     */
    port?: number;
    /**
     * TLS port.
     */
    tlsPort?: number;
}

export interface DomainDevicesGraphicVnc {
    /**
     * Allocate the port automatically.
     */
    autoPort?: boolean;
    /**
     * Listen address.
     */
    listen?: string;
    /**
     * TCP port (-1 for automatic).
     */
    port?: number;
    /**
     * UNIX socket path.
     */
    socket?: string;
    /**
     * WebSocket port.
     */
    webSocket?: number;
}

export interface DomainDevicesInterface {
    /**
     * MAC address of the interface.
     */
    mac?: outputs.DomainDevicesInterfaceMac;
    /**
     * Device model of the interface.
     */
    model?: outputs.DomainDevicesInterfaceModel;
    /**
     * What the interface is connected to.
     */
    source?: outputs.DomainDevicesInterfaceSource;
    /**
     * Wait during creation until the interface has an IP address.
     */
    waitForIp?: outputs.DomainDevicesInterfaceWaitForIp;
}

export interface DomainDevicesInterfaceMac {
    /**
     * MAC address (e.g. 52:54:00:12:34:56).
     */
    address: string;
}

export interface DomainDevicesInterfaceModel {
    /**
     * Model (virtio, e1000, rtl8139, ...).
     */
    type: string;
}

export interface DomainDevicesInterfaceSource {
    /**
     * Host bridge.
     */
    bridge?: outputs.DomainDevicesInterfaceSourceBridge;
    /**
     * Direct attachment (macvtap) to a host device.
     */
    direct?: outputs.DomainDevicesInterfaceSourceDirect;
    /**
     * Libvirt virtual network.
     */
    network?: outputs.DomainDevicesInterfaceSourceNetwork;
    /**
     * User-mode (SLIRP/passt) networking.
     */
    user?: outputs.DomainDevicesInterfaceSourceUser;
}

export interface DomainDevicesInterfaceSourceBridge {
    /**
     * Name of the host bridge.
     */
    bridge: string;
}

export interface DomainDevicesInterfaceSourceDirect {
    /**
     * Host device.
     */
    dev?: string;
    /**
     * macvtap mode (vepa, bridge, private, passthrough).
     */
    mode?: string;
}

export interface DomainDevicesInterfaceSourceNetwork {
    /**
     * Bridge of the network (read back from libvirt).
     */
    bridge?: string;
    /**
     * Name of the libvirt network.
     */
    network?: string;
    /**
     * Port group of the network.
     */
    portGroup?: string;
}

export interface DomainDevicesInterfaceSourceUser {
    /**
     * Device name.
     */
    dev?: string;
}

export interface DomainDevicesInterfaceWaitForIp {
    /**
     * Where to look for addresses: lease, agent or any. Default: any.
     */
    source?: string;
    /**
     * Maximum seconds to wait. Default: 300.
     */
    timeout?: number;
}

export interface DomainDevicesSerial {
    /**
     * Host side of the serial port.
     */
    source?: outputs.DomainDevicesSerialSource;
    /**
     * Guest side of the serial port.
     */
    target?: outputs.DomainDevicesSerialTarget;
}

export interface DomainDevicesSerialSource {
    /**
     * Write the character device output to a file.
     */
    file?: outputs.DomainDevicesSerialSourceFile;
    /**
     * Allocate a pseudo TTY.
     */
    pty?: outputs.DomainDevicesSerialSourcePty;
    /**
     * Connect to a UNIX domain socket.
     */
    unix?: outputs.DomainDevicesSerialSourceUnix;
}

export interface DomainDevicesSerialSourceFile {
    /**
     * Append to the file (on, off).
     */
    append?: string;
    /**
     * Path of the file.
     */
    path: string;
}

export interface DomainDevicesSerialSourcePty {
    /**
     * Path of the pseudo TTY.
     */
    path: string;
}

export interface DomainDevicesSerialSourceUnix {
    /**
     * bind or connect.
     */
    mode?: string;
    /**
     * Path of the socket.
     */
    path?: string;
}

export interface DomainDevicesSerialTarget {
    /**
     * Target port number.
     */
    port?: number;
    /**
     * Target type (isa-serial, usb-serial, pci-serial, ...).
     */
    type?: string;
}

export interface DomainDevicesTpm {
    /**
     * TPM backend.
     */
    backend?: outputs.DomainDevicesTpmBackend;
    /**
     * TPM model (tpm-tis, tpm-crb, ...).
     */
    model?: string;
}

export interface DomainDevicesTpmBackend {
    /**
     * Software TPM (swtpm).
     */
    emulator?: outputs.DomainDevicesTpmBackendEmulator;
    /**
     * Host TPM passthrough.
     */
    passthrough?: outputs.DomainDevicesTpmBackendPassthrough;
}

export interface DomainDevicesTpmBackendEmulator {
    /**
     * TPM version (1.2, 2.0).
     */
    version?: string;
}

export interface DomainDevicesTpmBackendPassthrough {
    /**
     * Host TPM device.
     */
    device?: outputs.DomainDevicesTpmBackendPassthroughDevice;
}

export interface DomainDevicesTpmBackendPassthroughDevice {
    /**
     * Path of the host TPM device.
     */
    path: string;
}

export interface DomainDevicesVideo {
    /**
     * Video model.
     */
    model?: outputs.DomainDevicesVideoModel;
}

export interface DomainDevicesVideoModel {
    /**
     * Number of screens.
     */
    heads?: number;
    /**
     * Primary video device (yes, no).
     */
    primary?: string;
    /**
     * Model type (vga, cirrus, qxl, virtio, bochs, ramfb, none).
     */
    type: string;
}

export interface DomainFeatures {
    /**
     * ACPI support.
     */
    acpi?: boolean;
    /**
     * APIC support.
     */
    apic?: outputs.DomainFeaturesApic;
    /**
     * Physical Address Extension mode.
     */
    pae?: boolean;
}

export interface DomainFeaturesApic {
    /**
     * End-of-interrupt behaviour (on, off).
     */
    eoi?: string;
}

export interface DomainOs {
    /**
     * Ordered boot devices.
     */
    bootDevices?: outputs.DomainOsBootDevice[];
    /**
     * Kernel command line for direct kernel boot.
     */
    cmdline?: string;
    /**
     * Firmware auto-selection (efi, bios).
     */
    firmware?: string;
    /**
     * Path of the initrd for direct kernel boot.
     */
    initrd?: string;
    /**
     * Path of the kernel for direct kernel boot.
     */
    kernel?: string;
    /**
     * Path of the firmware loader.
     */
    loader?: string;
    /**
     * UEFI variable store.
     */
    nvRam?: outputs.DomainOsNvRam;
    /**
     * OS type (hvm, linux, exe).
     */
    type: string;
    /**
     * Guest CPU architecture (e.g. x86_64, aarch64).
     */
    typeArch?: string;
    /**
     * Machine type (e.g. q35, pc).
     */
    typeMachine?: string;
}

export interface DomainOsBootDevice {
    /**
     * Boot device (hd, cdrom, network, fd).
     */
    dev: string;
}

export interface DomainOsNvRam {
    /**
     * Path of the per-domain NVRAM file.
     */
    nvRam: string;
    /**
     * Path of the NVRAM template.
     */
    template?: string;
}

export interface NetworkBridge {
    /**
     * Forward delay in seconds.
     */
    delay?: string;
    /**
     * Bridge name (generated by libvirt if not specified).
     */
    name?: string;
    /**
     * Spanning tree protocol (on, off).
     */
    stp?: string;
}

export interface NetworkDns {
    /**
     * Enable the DNS server (yes, no).
     */
    enable?: string;
    /**
     * Upstream DNS servers.
     */
    forwarders?: outputs.NetworkDnsForwarder[];
    /**
     * Static host records.
     */
    hosts?: outputs.NetworkDnsHost[];
}

export interface NetworkDnsForwarder {
    /**
     * Address of the upstream server.
     */
    addr?: string;
    /**
     * Only forward queries for this domain.
     */
    domain?: string;
}

export interface NetworkDnsHost {
    /**
     * Names for the address.
     */
    hostnames?: outputs.NetworkDnsHostHostname[];
    /**
     * IP address.
     */
    ip: string;
}

export interface NetworkDnsHostHostname {
    /**
     * Host name.
     */
    hostname: string;
}

export interface NetworkDomain {
    /**
     * Answer queries for the domain locally only (yes, no).
     */
    localOnly?: string;
    /**
     * DNS domain of the network.
     */
    name?: string;
}

export interface NetworkForward {
    /**
     * Host device to forward through.
     */
    dev?: string;
    /**
     * Forwarding mode (nat, route, open, bridge, ...). Omit for an isolated network.
     */
    mode?: string;
}

export interface NetworkIp {
    /**
     * IP address of the host on the network (e.g. '10.17.3.1', 'fd00::1').
     */
    address?: string;
    /**
     * DHCP server for this address range.
     */
    dhcp?: outputs.NetworkIpDhcp;
    /**
     * Address family (ipv4, ipv6).
     */
    family?: string;
    /**
     * Generate local PTR records (yes, no).
     */
    localPtr?: string;
    /**
     * IPv4 netmask. Mutually exclusive with prefix.
     */
    netmask?: string;
    /**
     * Prefix length. Mutually exclusive with netmask.
     */
    prefix?: number;
}

export interface NetworkIpDhcp {
    /**
     * Static DHCP leases.
     */
    hosts?: outputs.NetworkIpDhcpHost[];
    /**
     * Address ranges to hand out.
     */
    ranges?: outputs.NetworkIpDhcpRange[];
}

export interface NetworkIpDhcpHost {
    /**
     * Address to assign.
     */
    ip?: string;
    /**
     * MAC address of the host.
     */
    mac?: string;
    /**
     * Host name.
     */
    name?: string;
}

export interface NetworkIpDhcpRange {
    /**
     * Last address of the range.
     */
    end: string;
    /**
     * First address of the range.
     */
    start: string;
}

export interface NetworkMtu {
    /**
     * MTU in bytes.
     */
    size: number;
}

export interface NetworkRoute {
    /**
     * Destination network address.
     */
    address?: string;
    /**
     * Address family (ipv4, ipv6).
     */
    family?: string;
    /**
     * Gateway address.
     */
    gateway?: string;
    /**
     * Route metric.
     */
    metric?: string;
    /**
     * Destination netmask.
     */
    netmask?: string;
    /**
     * Destination prefix length.
     */
    prefix?: number;
}

export interface PoolSource {
    /**
     * Devices backing the pool (e.g. physical volumes of a logical pool).
     */
    devices?: outputs.PoolSourceDevice[];
    /**
     * Source directory.
     */
    dir?: outputs.PoolSourceDir;
    /**
     * Source format.
     */
    format?: outputs.PoolSourceFormat;
    /**
     * Storage servers of a network pool.
     */
    hosts?: outputs.PoolSourceHost[];
    /**
     * Source name (e.g. volume group of a logical pool).
     */
    name?: string;
}

export interface PoolSourceDevice {
    /**
     * Path of the device.
     */
    path: string;
}

export interface PoolSourceDir {
    /**
     * Path of the directory.
     */
    path: string;
}

export interface PoolSourceFormat {
    /**
     * Format type (e.g. lvm2, auto, nfs).
     */
    type: string;
}

export interface PoolSourceHost {
    /**
     * Host name or address.
     */
    name: string;
    /**
     * Port.
     */
    port?: string;
}

export interface PoolTarget {
    /**
     * Where the pool is located on the host.
     */
    path: string;
    /**
     * Permissions of the pool directory.
     */
    permissions?: outputs.PoolTargetPermissions;
}

export interface PoolTargetPermissions {
    /**
     * Numeric group ID of the owner.
     */
    group?: string;
    /**
     * SELinux label.
     */
    label?: string;
    /**
     * Octal permission mode (e.g. '0755').
     */
    mode?: string;
    /**
     * Numeric user ID of the owner.
     */
    owner?: string;
}

export interface VolumeBackingStore {
    /**
     * Format of the backing store.
     */
    format?: outputs.VolumeBackingStoreFormat;
    /**
     * Path of the backing store.
     */
    path: string;
}

export interface VolumeBackingStoreFormat {
    /**
     * Format type (e.g. qcow2, raw).
     */
    type: string;
}

export interface VolumeCreate {
    /**
     * Initial content of the volume.
     */
    content: outputs.VolumeCreateContent;
}

export interface VolumeCreateContent {
    /**
     * URL or local path to upload from.
     */
    url: string;
}

export interface VolumeTarget {
    /**
     * Encryption of the volume.
     */
    encryption?: outputs.VolumeTargetEncryption;
    /**
     * Format of the volume.
     */
    format?: outputs.VolumeTargetFormat;
    /**
     * Path of the volume on the host.
     */
    path: string;
    /**
     * Permissions of the volume file.
     */
    permissions?: outputs.VolumeTargetPermissions;
}

export interface VolumeTargetEncryption {
    /**
     * Encryption format (e.g. luks).
     */
    format: string;
    /**
     * Secret holding the passphrase.
     */
    secret?: outputs.VolumeTargetEncryptionSecret;
}

export interface VolumeTargetEncryptionSecret {
    /**
     * Secret type (e.g. passphrase).
     */
    type: string;
    /**
     * UUID of the libvirt secret.
     */
    uuid: string;
}

export interface VolumeTargetFormat {
    /**
     * Format type (e.g. qcow2, raw, iso).
     */
    type: string;
}

export interface VolumeTargetPermissions {
    /**
     * Numeric group ID of the owner.
     */
    group?: string;
    /**
     * SELinux label.
     */
    label?: string;
    /**
     * Octal permission mode (e.g. '0755').
     */
    mode?: string;
    /**
     * Numeric user ID of the owner.
     */
    owner?: string;
}
