import CArgon2
import SpotCheckText

/// Passwords as argon2id hashes, through the reference implementation (Debian's libargon2):
/// a random 16-byte salt per password, the parameters in the encoded hash, so a later change
/// of cost still verifies the older hashes. No cryptography is written here.
public struct PasswordHasher: Sendable {
    /// Passes over memory.
    public var iterations: UInt32
    /// Memory in KiB.
    public var memoryKiB: UInt32

    /// OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): about 50 ms on the build machine.
    public static let standard = PasswordHasher(iterations: 2, memoryKiB: 19 * 1024)

    public init(iterations: UInt32, memoryKiB: UInt32) {
        self.iterations = iterations
        self.memoryKiB = memoryKiB
    }

    /// The encoded hash (`$argon2id$v=19$m=…,t=…,p=1$salt$hash`) of `password`.
    public func hash(_ password: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var rng = SystemRandomNumberGenerator()  // getrandom(2) on Linux
        for i in salt.indices { salt[i] = UInt8.random(in: 0...255, using: &rng) }
        let pwd = Array(password.utf8)
        let length = argon2_encodedlen(iterations, memoryKiB, 1, UInt32(salt.count), 32, Argon2_id)
        var encoded = [CChar](repeating: 0, count: length)
        let rc = argon2id_hash_encoded(
            iterations, memoryKiB, 1, pwd, pwd.count, salt, salt.count, 32, &encoded, length)
        guard rc == ARGON2_OK.rawValue else {
            throw AccountError(message: Catalog.Users.hashFailed(String(cString: argon2_error_message(rc))))
        }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `password` is the one `encoded` was made from (constant time inside libargon2).
    public static func verify(_ password: String, against encoded: String) -> Bool {
        let pwd = Array(password.utf8)
        return encoded.withCString { argon2id_verify($0, pwd, pwd.count) == ARGON2_OK.rawValue }
    }
}
