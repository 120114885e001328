import Foundation
import Testing

@testable import SpotCheckSystem

@Suite("The cores a process may use")
struct ProcessorsTests {
    /// Runs a program and returns what it printed (nil when it failed), without the variables that make nproc count
    /// fewer.
    private func output(_ arguments: [String]) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["-u", "OMP_NUM_THREADS", "-u", "OMP_THREAD_LIMIT"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    @Test func theAffinityMaskIsCountedAsTheKernelWritesIt() {
        #expect(Processors.affinity(status: "Name:\tspotcheck\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n") == 2)
        #expect(Processors.affinity(status: "Cpus_allowed:\t1\n") == 1)
        #expect(Processors.affinity(status: "Cpus_allowed:\tffffffff,ffffffff\n") == 64)
        #expect(Processors.affinity(status: "Cpus_allowed:\t00000000,00000000,00000000,00000104\n") == 2)
        #expect(Processors.affinity(status: "Name:\tspotcheck\n") == nil)
        #expect(Processors.affinity(status: "Cpus_allowed:\t0\n") == nil)
        #expect(Processors.affinity(status: "Cpus_allowed:\tzz\n") == nil)
    }

    @Test func aProcessPinnedWithTasksetSeesOneCore() throws {
        let status = try #require(try output(["cat", "/proc/self/status"]))
        let mine = try #require(Processors.affinity(status: status))
        // What `taskset -c N` leaves a process (N: the lowest CPU this one may use), read from its own status.
        let allowed = status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }
        let first = try #require(allowed?.split(separator: "\t").last?.split(whereSeparator: { !$0.isNumber }).first)
        let pinned = try #require(try output(["taskset", "-c", String(first), "cat", "/proc/self/status"]))
        #expect(Processors.affinity(status: pinned) == 1)
        // Unpinned, the mask and the online CPUs give what coreutils' nproc (sched_getaffinity) says.
        let printed = try #require(try output(["nproc"]))
        let nproc = try #require(Int(printed.trimmingCharacters(in: .whitespacesAndNewlines)))
        let online = ProcessInfo.processInfo.activeProcessorCount
        #expect(Processors.count(affinity: mine, quota: nil, online: online) == nproc)
        #expect(Processors.usable >= 1 && Processors.usable <= nproc)
    }

    @Test func aQuotaAllowsItsCoresRoundedUp() {
        #expect(Processors.cores(cpuMax: "150000 100000\n") == 2)
        #expect(Processors.cores(cpuMax: "100000 100000\n") == 1)
        #expect(Processors.cores(cpuMax: "50000 100000\n") == 1)
        #expect(Processors.cores(cpuMax: "max 100000\n") == nil)
        #expect(Processors.cores(quota: "-1\n", period: "100000\n") == nil)
        #expect(Processors.cores(quota: "400000\n", period: "100000\n") == 4)
    }

    @Test func theSmallestQuotaOfTheCgroupAndItsParentsCounts() {
        let files = [
            "/sys/fs/cgroup/cpu.max": "max 100000\n",
            "/sys/fs/cgroup/box/cpu.max": "300000 100000\n",
            "/sys/fs/cgroup/box/job/cpu.max": "max 100000\n",
        ]
        #expect(Processors.quota(cgroups: "0::/box/job\n", read: { files[$0] }) == 3)
        #expect(Processors.quota(cgroups: "0::/\n", read: { files[$0] }) == nil)
        // Version 1: the cpu controller's own hierarchy.
        let v1 = [
            "/sys/fs/cgroup/cpu,cpuacct/docker/cpu.cfs_quota_us": "200000\n",
            "/sys/fs/cgroup/cpu,cpuacct/docker/cpu.cfs_period_us": "100000\n",
            "/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us": "-1\n",
            "/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us": "100000\n",
        ]
        let cgroups = "12:memory:/docker\n4:cpu,cpuacct:/docker\n0::/\n"
        #expect(Processors.quota(cgroups: cgroups, read: { v1[$0] }) == 2)
        #expect(Processors.quota(cgroups: "", read: { v1[$0] }) == nil)
    }

    @Test func theFewestOfMaskQuotaAndMachineCount() {
        #expect(Processors.count(affinity: 1, quota: nil, online: 2) == 1)
        #expect(Processors.count(affinity: 8, quota: 3, online: 8) == 3)
        #expect(Processors.count(affinity: nil, quota: nil, online: 4) == 4)
        #expect(Processors.count(affinity: nil, quota: nil, online: 0) == 1)
    }
}
