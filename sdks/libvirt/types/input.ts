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
    check?: pulumi.Input<string | undefined>;
    /**
     * CPU match policy (exact, minimum, strict).
     */
    match?: pulumi.Input<string | undefined>;
    /**
     * Whether the CPU is migratable.
     */
    migratable?: pulumi.Input<boolean | undefined>;
    /**
     * CPU mode (host-model, host-passthrough, custom, maximum).
     */
    mode?: pulumi.Input<string | undefined>;
}

export interface DomainCreate {
    /**
     * Destroy the domain when the connection closes (VIR_DOMAIN_START_AUTODESTROY).
     */
    autodestroy?: pulumi.Input<boolean | undefined>;
    /**
     * Avoid file system cache pollution (VIR_DOMAIN_START_BYPASS_CACHE).
     */
    bypassCache?: pulumi.Input<boolean | undefined>;
    /**
     * Boot, discarding any managed save state (VIR_DOMAIN_START_FORCE_BOOT).
     */
    forceBoot?: pulumi.Input<boolean | undefined>;
    /**
     * Launch the domain paused (VIR_DOMAIN_START_PAUSED).
     */
    paused?: pulumi.Input<boolean | undefined>;
    /**
     * Re-initialize NVRAM from its template (VIR_DOMAIN_START_RESET_NVRAM).
     */
    resetNvram?: pulumi.Input<boolean | undefined>;
    /**
     * Validate the XML document against the schema (VIR_DOMAIN_START_VALIDATE).
     */
    validate?: pulumi.Input<boolean | undefined>;
}

export interface DomainDestroy {
    /**
     * Attempt a graceful shutdown before forcing. Defaults to true.
     */
    graceful?: pulumi.Input<boolean | undefined>;
    /**
     * Seconds to wait for a graceful shutdown before forcing. Defaults to 300.
     */
    timeout?: pulumi.Input<number | undefined>;
}

export interface DomainDevices {
    /**
     * Console devices.
     */
    consoles?: pulumi.Input<pulumi.Input<inputs.DomainDevicesConsole>[] | undefined>;
    /**
     * Disk devices attached to the domain.
     */
    disks?: pulumi.Input<pulumi.Input<inputs.DomainDevicesDisk>[] | undefined>;
    /**
     * Host directories shared with the guest.
     */
    filesystems?: pulumi.Input<pulumi.Input<inputs.DomainDevicesFilesystem>[] | undefined>;
    /**
     * Graphics devices (VNC or Spice).
     */
    graphics?: pulumi.Input<pulumi.Input<inputs.DomainDevicesGraphic>[] | undefined>;
    /**
     * Network interfaces attached to the domain.
     */
    interfaces?: pulumi.Input<pulumi.Input<inputs.DomainDevicesInterface>[] | undefined>;
    /**
     * Serial devices.
     */
    serials?: pulumi.Input<pulumi.Input<inputs.DomainDevicesSerial>[] | undefined>;
    /**
     * TPM devices.
     */
    tpms?: pulumi.Input<pulumi.Input<inputs.DomainDevicesTpm>[] | undefined>;
    /**
     * Video devices.
     */
    videos?: pulumi.Input<pulumi.Input<inputs.DomainDevicesVideo>[] | undefined>;
}

export interface DomainDevicesConsole {
    /**
     * Host side of the console.
     */
    source?: pulumi.Input<inputs.DomainDevicesConsoleSource | undefined>;
    /**
     * Guest side of the console.
     */
    target?: pulumi.Input<inputs.DomainDevicesConsoleTarget | undefined>;
}

export interface DomainDevicesConsoleSource {
    /**
     * Write the character device output to a file.
     */
    file?: pulumi.Input<inputs.DomainDevicesConsoleSourceFile | undefined>;
    /**
     * Allocate a pseudo TTY.
     */
    pty?: pulumi.Input<inputs.DomainDevicesConsoleSourcePty | undefined>;
    /**
     * Connect to a UNIX domain socket.
     */
    unix?: pulumi.Input<inputs.DomainDevicesConsoleSourceUnix | undefined>;
}

export interface DomainDevicesConsoleSourceFile {
    /**
     * Append to the file (on, off).
     */
    append?: pulumi.Input<string | undefined>;
    /**
     * Path of the file.
     */
    path: pulumi.Input<string>;
}

export interface DomainDevicesConsoleSourcePty {
    /**
     * Path of the pseudo TTY.
     */
    path: pulumi.Input<string>;
}

export interface DomainDevicesConsoleSourceUnix {
    /**
     * bind or connect.
     */
    mode?: pulumi.Input<string | undefined>;
    /**
     * Path of the socket.
     */
    path?: pulumi.Input<string | undefined>;
}

export interface DomainDevicesConsoleTarget {
    /**
     * Target port number.
     */
    port?: pulumi.Input<number | undefined>;
    /**
     * Target type (serial, virtio, xen, ...).
     */
    type?: pulumi.Input<string | undefined>;
}

export interface DomainDevicesDisk {
    /**
     * Device type (disk, cdrom, floppy, lun).
     */
    device?: pulumi.Input<string | undefined>;
    /**
     * Hypervisor driver settings for the disk.
     */
    driver?: pulumi.Input<inputs.DomainDevicesDiskDriver | undefined>;
    /**
     * Expose the disk read-only to the guest.
     */
    readOnly?: pulumi.Input<boolean | undefined>;
    /**
     * Where the disk data comes from.
     */
    source?: pulumi.Input<inputs.DomainDevicesDiskSource | undefined>;
    /**
     * How the disk appears in the guest.
     */
    target?: pulumi.Input<inputs.DomainDevicesDiskTarget | undefined>;
}

export interface DomainDevicesDiskDriver {
    /**
     * Cache mode (default, none, writethrough, writeback, directsync, unsafe).
     */
    cache?: pulumi.Input<string | undefined>;
    /**
     * Discard mode (ignore, unmap).
     */
    discard?: pulumi.Input<string | undefined>;
    /**
     * I/O mode (threads, native, io_uring).
     */
    io?: pulumi.Input<string | undefined>;
    /**
     * Driver name (e.g. qemu).
     */
    name?: pulumi.Input<string | undefined>;
    /**
     * Image format (e.g. qcow2, raw).
     */
    type?: pulumi.Input<string | undefined>;
}

export interface DomainDevicesDiskSource {
    /**
     * Host block device.
     */
    block?: pulumi.Input<inputs.DomainDevicesDiskSourceBlock | undefined>;
    /**
     * Host file.
     */
    file?: pulumi.Input<inputs.DomainDevicesDiskSourceFile | undefined>;
    /**
     * Network block storage (rbd, iscsi, nbd, ...).
     */
    network?: pulumi.Input<inputs.DomainDevicesDiskSourceNetwork | undefined>;
    /**
     * Libvirt storage volume.
     */
    volume?: pulumi.Input<inputs.DomainDevicesDiskSourceVolume | undefined>;
}

export interface DomainDevicesDiskSourceBlock {
    /**
     * Path of the host block device.
     */
    dev?: pulumi.Input<string | undefined>;
}

export interface DomainDevicesDiskSourceFile {
    /**
     * Path of the host file.
     */
    file?: pulumi.Input<string | undefined>;
}

export interface DomainDevicesDiskSourceNetwork {
    /**
     * Storage servers.
     */
    hosts?: pulumi.Input<pulumi.Input<inputs.DomainDevicesDiskSourceNetworkHost>[] | undefined>;
    /**
     * Name of the volume or image on the server (e.g. pool/image).
     */
    name?: pulumi.Input<string | undefined>;
    /**
     * Protocol (rbd, iscsi, nbd, gluster, http, https, ...).
     */
    protocol?: pulumi.Input<string | undefined>;
}

export interface DomainDevicesDiskSourceNetworkHost {
    /**
     * Host name or address.
     */
    name?: pulumi.Input<string | undefined>;
    /**
     * Port.
     */
    port?: pulumi.Input<string | undefined>;
}

export interface DomainDevicesDiskSourceVolume {
    /**
     * Name of the storage pool.
     */
    pool?: pulumi.Input<string | undefined>;
    /**
     * Name of the volume in the pool.
     */
    volume?: pulumi.Input<string | undefined>;
}

export interface DomainDevicesDiskTarget {
    /**
     * Bus type (virtio, scsi, sata, ide, usb).
     */
    bus?: pulumi.Input<string | undefined>;
    /**
     * Device name in the guest (e.g. vda, sda).
     */
    dev?: pulumi.Input<string | undefined>;
}

export interface DomainDevicesFilesystem {
    /**
     * Access mode (mapped, passthrough, squash).
     */
    accessMode?: pulumi.Input<string | undefined>;
    /**
     * Filesystem driver.
     */
    driver?: pulumi.Input<inputs.DomainDevicesFilesystemDriver | undefined>;
    /**
     * Mount the filesystem read-only in the guest.
     */
    readOnly?: pulumi.Input<boolean | undefined>;
    /**
     * Host side of the share.
     */
    source?: pulumi.Input<inputs.DomainDevicesFilesystemSource | undefined>;
    /**
     * Guest side of the share.
     */
    target?: pulumi.Input<inputs.DomainDevicesFilesystemTarget | undefined>;
}

export interface DomainDevicesFilesystemDriver {
    /**
     * Driver type (path, handle, virtiofs).
     */
    type?: pulumi.Input<string | undefined>;
}

export interface DomainDevicesFilesystemSource {
    /**
     * Host directory to share.
     */
    mount?: pulumi.Input<inputs.DomainDevicesFilesystemSourceMount | undefined>;
}

export interface DomainDevicesFilesystemSourceMount {
    /**
     * Host directory path.
     */
    dir?: pulumi.Input<string | undefined>;
}

export interface DomainDevicesFilesystemTarget {
    /**
     * Mount tag visible in the guest.
     */
    dir: pulumi.Input<string>;
}

export interface DomainDevicesGraphic {
    /**
     * Spice server.
     */
    spice?: pulumi.Input<inputs.DomainDevicesGraphicSpice | undefined>;
    /**
     * VNC server.
     */
    vnc?: pulumi.Input<inputs.DomainDevicesGraphicVnc | undefined>;
}

export interface DomainDevicesGraphicSpice {
    /**
     * Allocate the port automatically.
     */
    autoPort?: pulumi.Input<boolean | undefined>;
    /**
     * Listen address.
     */
    listen?: pulumi.Input<string | undefined>;
    /**
     * TCP port (-1 for automatic).
     */
    port?: pulumi.Input<number | undefined>;
    /**
     * TLS port.
     */
    tlsPort?: pulumi.Input<number | undefined>;
}

export interface DomainDevicesGraphicVnc {
    /**
     * Allocate the port automatically.
     */
    autoPort?: pulumi.Input<boolean | undefined>;
    /**
     * Listen address.
     */
    listen?: pulumi.Input<string | undefined>;
    /**
     * TCP port (-1 for automatic).
     */
    port?: pulumi.Input<number | undefined>;
    /**
     * UNIX socket path.
     */
    socket?: pulumi.Input<string | undefined>;
    /**
     * WebSocket port.
     */
    webSocket?: pulumi.Input<number | undefined>;
}

export interface DomainDevicesInterface {
    /**
     * MAC address of the interface.
     */
    mac?: pulumi.Input<inputs.DomainDevicesInterfaceMac | undefined>;
    /**
     * Device model of the interface.
     */
    model?: pulumi.Input<inputs.DomainDevicesInterfaceModel | undefined>;
    /**
     * What the interface is connected to.
     */
    source?: pulumi.Input<inputs.DomainDevicesInterfaceSource | undefined>;
    /**
     * Wait during creation until the interface has an IP address.
     */
    waitForIp?: pulumi.Input<inputs.DomainDevicesInterfaceWaitForIp | undefined>;
}

export interface DomainDevicesInterfaceMac {
    /**
     * MAC address (e.g. 52:54:00:12:34:56).
     */
    address: pulumi.Input<string>;
}

export interface DomainDevicesInterfaceModel {
    /**
     * Model (virtio, e1000, rtl8139, ...).
     */
    type: pulumi.Input<string>;
}

export interface DomainDevicesInterfaceSource {
    /**
     * Host bridge.
     */
    bridge?: pulumi.Input<inputs.DomainDevicesInterfaceSourceBridge | undefined>;
    /**
     * Direct attachment (macvtap) to a host device.
     */
    direct?: pulumi.Input<inputs.DomainDevicesInterfaceSourceDirect | undefined>;
    /**
     * Libvirt virtual network.
     */
    network?: pulumi.Input<inputs.DomainDevicesInterfaceSourceNetwork | undefined>;
    /**
     * User-mode (SLIRP/passt) networking.
     */
    user?: pulumi.Input<inputs.DomainDevicesInterfaceSourceUser | undefined>;
}

export interface DomainDevicesInterfaceSourceBridge {
    /**
     * Name of the host bridge.
     */
    bridge: pulumi.Input<string>;
}

export interface DomainDevicesInterfaceSourceDirect {
    /**
     * Host device.
     */
    dev?: pulumi.Input<string | undefined>;
    /**
     * macvtap mode (vepa, bridge, private, passthrough).
     */
    mode?: pulumi.Input<string | undefined>;
}

export interface DomainDevicesInterfaceSourceNetwork {
    /**
     * Bridge of the network (read back from libvirt).
     */
    bridge?: pulumi.Input<string | undefined>;
    /**
     * Name of the libvirt network.
     */
    network?: pulumi.Input<string | undefined>;
    /**
     * Port group of the network.
     */
    portGroup?: pulumi.Input<string | undefined>;
}

export interface DomainDevicesInterfaceSourceUser {
    /**
     * Device name.
     */
    dev?: pulumi.Input<string | undefined>;
}

export interface DomainDevicesInterfaceWaitForIp {
    /**
     * Where to look for addresses: lease, agent or any. Default: any.
     */
    source?: pulumi.Input<string | undefined>;
    /**
     * Maximum seconds to wait. Default: 300.
     */
    timeout?: pulumi.Input<number | undefined>;
}

export interface DomainDevicesSerial {
    /**
     * Host side of the serial port.
     */
    source?: pulumi.Input<inputs.DomainDevicesSerialSource | undefined>;
    /**
     * Guest side of the serial port.
     */
    target?: pulumi.Input<inputs.DomainDevicesSerialTarget | undefined>;
}

export interface DomainDevicesSerialSource {
    /**
     * Write the character device output to a file.
     */
    file?: pulumi.Input<inputs.DomainDevicesSerialSourceFile | undefined>;
    /**
     * Allocate a pseudo TTY.
     */
    pty?: pulumi.Input<inputs.DomainDevicesSerialSourcePty | undefined>;
    /**
     * Connect to a UNIX domain socket.
     */
    unix?: pulumi.Input<inputs.DomainDevicesSerialSourceUnix | undefined>;
}

export interface DomainDevicesSerialSourceFile {
    /**
     * Append to the file (on, off).
     */
    append?: pulumi.Input<string | undefined>;
    /**
     * Path of the file.
     */
    path: pulumi.Input<string>;
}

export interface DomainDevicesSerialSourcePty {
    /**
     * Path of the pseudo TTY.
     */
    path: pulumi.Input<string>;
}

export interface DomainDevicesSerialSourceUnix {
    /**
     * bind or connect.
     */
    mode?: pulumi.Input<string | undefined>;
    /**
     * Path of the socket.
     */
    path?: pulumi.Input<string | undefined>;
}

export interface DomainDevicesSerialTarget {
    /**
     * Target port number.
     */
    port?: pulumi.Input<number | undefined>;
    /**
     * Target type (isa-serial, usb-serial, pci-serial, ...).
     */
    type?: pulumi.Input<string | undefined>;
}

export interface DomainDevicesTpm {
    /**
     * TPM backend.
     */
    backend?: pulumi.Input<inputs.DomainDevicesTpmBackend | undefined>;
    /**
     * TPM model (tpm-tis, tpm-crb, ...).
     */
    model?: pulumi.Input<string | undefined>;
}

export interface DomainDevicesTpmBackend {
    /**
     * Software TPM (swtpm).
     */
    emulator?: pulumi.Input<inputs.DomainDevicesTpmBackendEmulator | undefined>;
    /**
     * Host TPM passthrough.
     */
    passthrough?: pulumi.Input<inputs.DomainDevicesTpmBackendPassthrough | undefined>;
}

export interface DomainDevicesTpmBackendEmulator {
    /**
     * TPM version (1.2, 2.0).
     */
    version?: pulumi.Input<string | undefined>;
}

export interface DomainDevicesTpmBackendPassthrough {
    /**
     * Host TPM device.
     */
    device?: pulumi.Input<inputs.DomainDevicesTpmBackendPassthroughDevice | undefined>;
}

export interface DomainDevicesTpmBackendPassthroughDevice {
    /**
     * Path of the host TPM device.
     */
    path: pulumi.Input<string>;
}

export interface DomainDevicesVideo {
    /**
     * Video model.
     */
    model?: pulumi.Input<inputs.DomainDevicesVideoModel | undefined>;
}

export interface DomainDevicesVideoModel {
    /**
     * Number of screens.
     */
    heads?: pulumi.Input<number | undefined>;
    /**
     * Primary video device (yes, no).
     */
    primary?: pulumi.Input<string | undefined>;
    /**
     * Model type (vga, cirrus, qxl, virtio, bochs, ramfb, none).
     */
    type?: pulumi.Input<string | undefined>;
}

export interface DomainFeatures {
    /**
     * ACPI support.
     */
    acpi?: pulumi.Input<boolean | undefined>;
    /**
     * APIC support.
     */
    apic?: pulumi.Input<inputs.DomainFeaturesApic | undefined>;
    /**
     * Physical Address Extension mode.
     */
    pae?: pulumi.Input<boolean | undefined>;
}

export interface DomainFeaturesApic {
    /**
     * End-of-interrupt behaviour (on, off).
     */
    eoi?: pulumi.Input<string | undefined>;
}

export interface DomainOs {
    /**
     * Ordered boot devices.
     */
    bootDevices?: pulumi.Input<pulumi.Input<inputs.DomainOsBootDevice>[] | undefined>;
    /**
     * Kernel command line for direct kernel boot.
     */
    cmdline?: pulumi.Input<string | undefined>;
    /**
     * Firmware auto-selection (efi, bios).
     */
    firmware?: pulumi.Input<string | undefined>;
    /**
     * Path of the initrd for direct kernel boot.
     */
    initrd?: pulumi.Input<string | undefined>;
    /**
     * Path of the kernel for direct kernel boot.
     */
    kernel?: pulumi.Input<string | undefined>;
    /**
     * Path of the firmware loader.
     */
    loader?: pulumi.Input<string | undefined>;
    /**
     * UEFI variable store.
     */
    nvRam?: pulumi.Input<inputs.DomainOsNvRam | undefined>;
    /**
     * OS type (hvm, linux, exe).
     */
    type?: pulumi.Input<string | undefined>;
    /**
     * Guest CPU architecture (e.g. x86_64, aarch64).
     */
    typeArch?: pulumi.Input<string | undefined>;
    /**
     * Machine type (e.g. q35, pc).
     */
    typeMachine?: pulumi.Input<string | undefined>;
}

export interface DomainOsBootDevice {
    /**
     * Boot device (hd, cdrom, network, fd).
     */
    dev: pulumi.Input<string>;
}

export interface DomainOsNvRam {
    /**
     * Path of the per-domain NVRAM file.
     */
    nvRam: pulumi.Input<string>;
    /**
     * Path of the NVRAM template.
     */
    template?: pulumi.Input<string | undefined>;
}

export interface NetworkBridge {
    /**
     * Forward delay in seconds.
     */
    delay?: pulumi.Input<string | undefined>;
    /**
     * Bridge name (generated by libvirt if not specified).
     */
    name?: pulumi.Input<string | undefined>;
    /**
     * Spanning tree protocol (on, off).
     */
    stp?: pulumi.Input<string | undefined>;
}

export interface NetworkDns {
    /**
     * Enable the DNS server (yes, no).
     */
    enable?: pulumi.Input<string | undefined>;
    /**
     * Upstream DNS servers.
     */
    forwarders?: pulumi.Input<pulumi.Input<inputs.NetworkDnsForwarder>[] | undefined>;
    /**
     * Static host records.
     */
    hosts?: pulumi.Input<pulumi.Input<inputs.NetworkDnsHost>[] | undefined>;
}

export interface NetworkDnsForwarder {
    /**
     * Address of the upstream server.
     */
    addr?: pulumi.Input<string | undefined>;
    /**
     * Only forward queries for this domain.
     */
    domain?: pulumi.Input<string | undefined>;
}

export interface NetworkDnsHost {
    /**
     * Names for the address.
     */
    hostnames?: pulumi.Input<pulumi.Input<inputs.NetworkDnsHostHostname>[] | undefined>;
    /**
     * IP address.
     */
    ip: pulumi.Input<string>;
}

export interface NetworkDnsHostHostname {
    /**
     * Host name.
     */
    hostname: pulumi.Input<string>;
}

export interface NetworkDomain {
    /**
     * Answer queries for the domain locally only (yes, no).
     */
    localOnly?: pulumi.Input<string | undefined>;
    /**
     * DNS domain of the network.
     */
    name?: pulumi.Input<string | undefined>;
}

export interface NetworkForward {
    /**
     * Host device to forward through.
     */
    dev?: pulumi.Input<string | undefined>;
    /**
     * Forwarding mode (nat, route, open, bridge, ...). Omit for an isolated network.
     */
    mode?: pulumi.Input<string | undefined>;
}

export interface NetworkIp {
    /**
     * IP address of the host on the network (e.g. '10.17.3.1', 'fd00::1').
     */
    address?: pulumi.Input<string | undefined>;
    /**
     * DHCP server for this address range.
     */
    dhcp?: pulumi.Input<inputs.NetworkIpDhcp | undefined>;
    /**
     * Address family (ipv4, ipv6).
     */
    family?: pulumi.Input<string | undefined>;
    /**
     * Generate local PTR records (yes, no).
     */
    localPtr?: pulumi.Input<string | undefined>;
    /**
     * IPv4 netmask. Mutually exclusive with prefix.
     */
    netmask?: pulumi.Input<string | undefined>;
    /**
     * Prefix length. Mutually exclusive with netmask.
     */
    prefix?: pulumi.Input<number | undefined>;
}

export interface NetworkIpDhcp {
    /**
     * Static DHCP leases.
     */
    hosts?: pulumi.Input<pulumi.Input<inputs.NetworkIpDhcpHost>[] | undefined>;
    /**
     * Address ranges to hand out.
     */
    ranges?: pulumi.Input<pulumi.Input<inputs.NetworkIpDhcpRange>[] | undefined>;
}

export interface NetworkIpDhcpHost {
    /**
     * Address to assign.
     */
    ip?: pulumi.Input<string | undefined>;
    /**
     * MAC address of the host.
     */
    mac?: pulumi.Input<string | undefined>;
    /**
     * Host name.
     */
    name?: pulumi.Input<string | undefined>;
}

export interface NetworkIpDhcpRange {
    /**
     * Last address of the range.
     */
    end?: pulumi.Input<string | undefined>;
    /**
     * First address of the range.
     */
    start?: pulumi.Input<string | undefined>;
}

export interface NetworkMtu {
    /**
     * MTU in bytes.
     */
    size: pulumi.Input<number>;
}

export interface NetworkRoute {
    /**
     * Destination network address.
     */
    address?: pulumi.Input<string | undefined>;
    /**
     * Address family (ipv4, ipv6).
     */
    family?: pulumi.Input<string | undefined>;
    /**
     * Gateway address.
     */
    gateway?: pulumi.Input<string | undefined>;
    /**
     * Route metric.
     */
    metric?: pulumi.Input<string | undefined>;
    /**
     * Destination netmask.
     */
    netmask?: pulumi.Input<string | undefined>;
    /**
     * Destination prefix length.
     */
    prefix?: pulumi.Input<number | undefined>;
}

export interface PoolSource {
    /**
     * Devices backing the pool (e.g. physical volumes of a logical pool).
     */
    devices?: pulumi.Input<pulumi.Input<inputs.PoolSourceDevice>[] | undefined>;
    /**
     * Source directory.
     */
    dir?: pulumi.Input<inputs.PoolSourceDir | undefined>;
    /**
     * Source format.
     */
    format?: pulumi.Input<inputs.PoolSourceFormat | undefined>;
    /**
     * Storage servers of a network pool.
     */
    hosts?: pulumi.Input<pulumi.Input<inputs.PoolSourceHost>[] | undefined>;
    /**
     * Source name (e.g. volume group of a logical pool).
     */
    name?: pulumi.Input<string | undefined>;
}

export interface PoolSourceDevice {
    /**
     * Path of the device.
     */
    path: pulumi.Input<string>;
}

export interface PoolSourceDir {
    /**
     * Path of the directory.
     */
    path: pulumi.Input<string>;
}

export interface PoolSourceFormat {
    /**
     * Format type (e.g. lvm2, auto, nfs).
     */
    type: pulumi.Input<string>;
}

export interface PoolSourceHost {
    /**
     * Host name or address.
     */
    name: pulumi.Input<string>;
    /**
     * Port.
     */
    port?: pulumi.Input<string | undefined>;
}

export interface PoolTarget {
    /**
     * Where the pool is located on the host.
     */
    path?: pulumi.Input<string | undefined>;
    /**
     * Permissions of the pool directory.
     */
    permissions?: pulumi.Input<inputs.PoolTargetPermissions | undefined>;
}

export interface PoolTargetPermissions {
    /**
     * Numeric group ID of the owner.
     */
    group?: pulumi.Input<string | undefined>;
    /**
     * SELinux label.
     */
    label?: pulumi.Input<string | undefined>;
    /**
     * Octal permission mode (e.g. '0755').
     */
    mode?: pulumi.Input<string | undefined>;
    /**
     * Numeric user ID of the owner.
     */
    owner?: pulumi.Input<string | undefined>;
}

export interface VolumeBackingStore {
    /**
     * Format of the backing store.
     */
    format?: pulumi.Input<inputs.VolumeBackingStoreFormat | undefined>;
    /**
     * Path of the backing store.
     */
    path: pulumi.Input<string>;
}

export interface VolumeBackingStoreFormat {
    /**
     * Format type (e.g. qcow2, raw).
     */
    type: pulumi.Input<string>;
}

export interface VolumeCreate {
    /**
     * Initial content of the volume.
     */
    content: pulumi.Input<inputs.VolumeCreateContent>;
}

export interface VolumeCreateContent {
    /**
     * URL or local path to upload from.
     */
    url: pulumi.Input<string>;
}

export interface VolumeTarget {
    /**
     * Encryption of the volume.
     */
    encryption?: pulumi.Input<inputs.VolumeTargetEncryption | undefined>;
    /**
     * Format of the volume.
     */
    format?: pulumi.Input<inputs.VolumeTargetFormat | undefined>;
    /**
     * Path of the volume on the host.
     */
    path?: pulumi.Input<string | undefined>;
    /**
     * Permissions of the volume file.
     */
    permissions?: pulumi.Input<inputs.VolumeTargetPermissions | undefined>;
}

export interface VolumeTargetEncryption {
    /**
     * Encryption format (e.g. luks).
     */
    format: pulumi.Input<string>;
    /**
     * Secret holding the passphrase.
     */
    secret?: pulumi.Input<inputs.VolumeTargetEncryptionSecret | undefined>;
}

export interface VolumeTargetEncryptionSecret {
    /**
     * Secret type (e.g. passphrase).
     */
    type: pulumi.Input<string>;
    /**
     * UUID of the libvirt secret.
     */
    uuid?: pulumi.Input<string | undefined>;
}

export interface VolumeTargetFormat {
    /**
     * Format type (e.g. qcow2, raw, iso).
     */
    type: pulumi.Input<string>;
}

export interface VolumeTargetPermissions {
    /**
     * Numeric group ID of the owner.
     */
    group?: pulumi.Input<string | undefined>;
    /**
     * SELinux label.
     */
    label?: pulumi.Input<string | undefined>;
    /**
     * Octal permission mode (e.g. '0755').
     */
    mode?: pulumi.Input<string | undefined>;
    /**
     * Numeric user ID of the owner.
     */
    owner?: pulumi.Input<string | undefined>;
}
