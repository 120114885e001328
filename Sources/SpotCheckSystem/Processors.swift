import Foundation

/// How many cores this process may use: the CPUs of its affinity mask (`taskset -c 0`, a container's
/// `--cpuset-cpus`), and no more than its cgroup's CPU quota lets it keep busy (a container's `--cpus`).
///
/// Foundation's `activeProcessorCount` counts the machine's online CPUs whatever the mask and the quota, so a
/// process pinned to one core of two ran two checking threads on that core, each waiting on the other.
public enum Processors {
    /// The cores this process may use, read once: at least 1.
    public static let usable: Int = count(
        affinity: affinity(status: text("/proc/self/status") ?? ""),
        quota: quota(cgroups: text("/proc/self/cgroup") ?? ""),
        online: ProcessInfo.processInfo.activeProcessorCount)

    /// The smallest of the three that is known, at least 1.
    static func count(affinity: Int?, quota: Int?, online: Int) -> Int {
        max(1, [affinity, quota, online].compactMap { $0 }.min() ?? 1)
    }

    /// The CPUs in a process's affinity mask, from its `/proc/…/status` (`Cpus_allowed:` as comma-separated groups
    /// of hexadecimal digits), or nil when it has none.
    static func affinity(status: String) -> Int? {
        for line in status.split(separator: "\n") where line.hasPrefix("Cpus_allowed:") {
            var bits = 0
            for c in line.dropFirst("Cpus_allowed:".count) where c != "," && c != " " && c != "\t" {
                guard let digit = c.hexDigitValue else { return nil }
                bits += digit.nonzeroBitCount
            }
            return bits > 0 ? bits : nil
        }
        return nil
    }

    /// The cores the CPU quota of this process's cgroup and its parents allows (rounded up), or nil when none is
    /// set. `cgroups` is `/proc/self/cgroup`: the unified hierarchy's `cpu.max` ("quota period", or "max …"), or
    /// the version 1 `cpu` controller's `cpu.cfs_quota_us` and `cpu.cfs_period_us` (-1: none). The hierarchies are
    /// looked for where systemd and container runtimes mount them (`/sys/fs/cgroup`, and `/sys/fs/cgroup/cpu,cpuacct`
    /// for version 1); one mounted elsewhere sets no limit here.
    static func quota(cgroups: String, read: (String) -> String? = text) -> Int? {
        var found: [Int] = []
        for line in cgroups.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let controllers = parts[1].split(separator: ",")
            let path = String(parts[2])
            for dir in directories(of: path) {
                if parts[0] == "0" && controllers.isEmpty {
                    if let text = read("/sys/fs/cgroup" + dir + "/cpu.max"), let n = cores(cpuMax: text) {
                        found.append(n)
                    }
                } else if controllers.contains("cpu") {
                    let base = "/sys/fs/cgroup/" + controllers.joined(separator: ",") + dir
                    if let q = read(base + "/cpu.cfs_quota_us"), let p = read(base + "/cpu.cfs_period_us"),
                        let n = cores(quota: q, period: p)
                    {
                        found.append(n)
                    }
                }
            }
        }
        return found.min()
    }

    /// A file of the kernel's, or nil when it is not there (no such controller, or none mounted there: no limit from
    /// it, which is no data lost).
    static func text(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    /// A cgroup's directory and its parents', up to the hierarchy's root ("" for the root itself).
    static func directories(of path: String) -> [String] {
        var dirs: [String] = []
        var parts = path.split(separator: "/").map(String.init)
        while true {
            dirs.append(parts.isEmpty ? "" : "/" + parts.joined(separator: "/"))
            if parts.isEmpty { return dirs }
            parts.removeLast()
        }
    }

    /// The cores a `cpu.max` line allows: its quota over its period, rounded up; nil for "max".
    static func cores(cpuMax: String) -> Int? {
        let fields = cpuMax.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard fields.count == 2 else { return nil }
        return cores(quota: String(fields[0]), period: String(fields[1]))
    }

    /// The cores a quota and period in microseconds allow, rounded up; nil when there is no quota.
    static func cores(quota: String, period: String) -> Int? {
        let trim = { (s: String) in s.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard let q = Int(trim(quota)), let p = Int(trim(period)), q > 0, p > 0 else { return nil }
        return (q + p - 1) / p
    }
}
