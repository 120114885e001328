import Foundation
import GRDB
import GRDBSQLite
import SpotCheckCore

/// The identity keys (b: buyer ID, p: phone, o: order number) and their customers, stored in
/// blocks: each block a blob of keys one after another (``KeyBlock``). An import loads every key
/// into memory and appends the new ones, and nothing else reads them; one row per key cost a
/// million-row import a tenth of its work (1.5 million rows of 30 bytes) against one row per
/// 40,000 keys. A merge of customers is recorded in `customer_merges` (merged number →
/// surviving number, kept flat) and followed when the keys are loaded.
extension SheetData {
    /// Calls `body` with every identity key (`b:…`, `p:…`, `o:…`) and its customer, merges
    /// followed, in the order they were stored.
    public static func forEachIdentityKey(_ db: Database, _ body: (String, Int) throws -> Void) throws {
        try forEachIdentityKey(db) { kind, key, customer in
            let stored = String(unsafeUninitializedCapacity: key.count + 2) { out in
                out[0] = KeyBlock.byte(kind)
                out[1] = 0x3A
                for i in key.indices { out[i + 2] = key[i] }
                return key.count + 2
            }
            try body(stored, customer)
        }
    }

    /// Loads every identity key stored into `resolver` (``IdentityResolver/load(_:utf8:customer:)``),
    /// merges followed, with no String for a key made of digits.
    public static func loadIdentityKeys(into resolver: inout IdentityResolver, _ db: Database) throws {
        try forEachIdentityKey(db) { kind, key, customer in resolver.load(kind, utf8: key, customer: customer) }
    }

    /// Calls `body` with the kind, the UTF-8 bytes (valid only during the call) and the customer of
    /// every identity key, merges followed, in the order they were stored.
    static func forEachIdentityKey(
        _ db: Database,
        _ body: (IdentityResolver.MergeKey, UnsafeBufferPointer<UInt8>, Int) throws -> Void
    ) throws {
        var merged: [Int: Int] = [:]
        let merges = try Row.fetchCursor(db, sql: "SELECT old, new FROM customer_merges")
        while let row = try merges.next() {
            // A number no database holds (only a damaged one gives it) would hand out customers past what the
            // key tables hold: stop, naming the row.
            let (old, new): (Int, Int) = (row[0], row[1])
            guard KeyBlock.customers.contains(old), KeyBlock.customers.contains(new) else {
                throw StoreError.unusable(path: fileName(db), reason: "customer_merges \(old) → \(new)")
            }
            merged[old] = new
        }
        let blocks = try Row.fetchCursor(db, sql: "SELECT id, keys FROM customer_key_blocks ORDER BY id")
        while let row = try blocks.next() {
            let id: Int64 = row[0]
            let bytes: Data = row[1] ?? Data()
            let ok = try bytes.withUnsafeBytes { raw in
                try KeyBlock.decode(raw.bindMemory(to: UInt8.self)) { kind, key, customer in
                    try body(kind, key, merged[customer] ?? customer)
                }
            }
            guard ok else { throw StoreError.unusable(path: fileName(db), reason: "customer_key_blocks \(id)") }
        }
    }

    /// The database file's path, for errors.
    static func fileName(_ db: Database) -> String {
        guard let c = db.sqliteConnection, let name = sqlite3_db_filename(c, "main") else { return "" }
        return String(cString: name)
    }

    /// Every identity key and its customer.
    public static func identityKeys(_ db: Database) throws -> [String: Int] {
        var map: [String: Int] = [:]
        try forEachIdentityKey(db) { map[$0] = $1 }
        return map
    }

    /// Appends identity keys seen for the first time, in blocks of about a megabyte. Call
    /// ``finish()`` after the last record: until then the last keys wait in the block.
    public final class KeyWriter {
        private let db: Database
        private var block = KeyBlock()
        private let insert: Statement

        public init(_ db: Database) throws {
            self.db = db
            insert = try db.makeStatement(sql: "INSERT INTO customer_key_blocks(keys) VALUES (?)")
        }

        /// Writes the new keys of one record (they may wait in the block until ``finish()``).
        public func write(_ keys: KeyPair, customer: Int) throws {
            if let b = keys.buyer { block.add(.buyer, b, customer) }
            if let p = keys.phone { block.add(.phone, p, customer) }
            for p in keys.more { block.add(.phone, p, customer) }
            if let o = keys.order { block.add(.order, o, customer) }
            if block.bytes.count >= KeyBlock.size { try flush() }
        }

        /// Writes the keys still in the block.
        public func finish() throws { try flush() }

        /// Writes `key` as stored (`b:…`, `p:…`, `o:…`); a key of another form is skipped, as the
        /// resolver skips it.
        func write(stored key: String, customer: Int) throws {
            var key = key
            key.withUTF8 { u in
                guard u.count >= 2, u[1] == 0x3A, let kind = KeyBlock.kind(u[0]) else { return }
                block.add(kind, UnsafeBufferPointer(rebasing: u[2...]), customer)
            }
            if block.bytes.count >= KeyBlock.size { try flush() }
        }

        private func flush() throws {
            guard !block.bytes.isEmpty else { return }
            let s = insert.sqliteStatement
            sqlite3_reset(s)
            try block.bytes.withUnsafeBytes { raw in
                _ = sqlite3_bind_blob(s, 1, raw.baseAddress, Int32(raw.count), nil)
                try stepDone(s, db)
            }
            block.bytes.removeAll(keepingCapacity: true)
        }
    }

    /// Moves the keys of the v1 table (a row per key) into blocks (migration v10).
    static func moveKeysIntoBlocks(_ db: Database) throws {
        let writer = try KeyWriter(db)
        let rows = try Row.fetchCursor(db, sql: "SELECT key, customer_id FROM customer_keys ORDER BY rowid")
        while let row = try rows.next() {
            // A key of a customer no import hands out (a damaged row) is left behind: it is met as new.
            let customer: Int = row[1]
            if KeyBlock.customers.contains(customer) { try writer.write(stored: row[0], customer: customer) }
        }
        try writer.finish()
    }

    /// Records merges (merged number → surviving number) so that loaded keys follow them; an
    /// earlier merge into a number merged now follows it too.
    static func recordMerges(_ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE customer_merges SET new = (SELECT new FROM merge_map WHERE old = customer_merges.new)
                WHERE new IN (SELECT old FROM merge_map);
                INSERT INTO customer_merges(old, new) SELECT old, new FROM merge_map WHERE true
                ON CONFLICT(old) DO UPDATE SET new = excluded.new;
                """)
    }
}

/// A block of identity keys: for each key its kind (`b`, `p`, `o`), its length and UTF-8 bytes,
/// and its customer, the numbers as LEB128 varints (the customer zigzag-encoded).
struct KeyBlock {
    /// The size a block is written at.
    static let size = 1 << 20
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(KeyBlock.size + 256) }

    /// The byte a kind of key is stored as: the letter of its stored form (`b:…`, `p:…`, `o:…`).
    static func byte(_ kind: IdentityResolver.MergeKey) -> UInt8 {
        switch kind {
        case .buyer: return 0x62
        case .phone: return 0x70
        case .order: return 0x6F
        }
    }

    /// The kind of key stored as `byte`, if any.
    static func kind(_ byte: UInt8) -> IdentityResolver.MergeKey? {
        switch byte {
        case 0x62: return .buyer
        case 0x70: return .phone
        case 0x6F: return .order
        default: return nil
        }
    }

    mutating func add(_ kind: IdentityResolver.MergeKey, _ key: String, _ customer: Int) {
        // A native string's bytes in place (no copy of the string to make it contiguous).
        if key.utf8.withContiguousStorageIfAvailable({ add(kind, $0, customer) }) == nil {
            var copy = key
            copy.withUTF8 { add(kind, $0, customer) }
        }
    }

    mutating func add(_ kind: IdentityResolver.MergeKey, _ key: UnsafeBufferPointer<UInt8>, _ customer: Int) {
        bytes.append(KeyBlock.byte(kind))
        Varint.append(UInt64(key.count), to: &bytes)
        bytes.append(contentsOf: key)
        Varint.append(Varint.zigzag(Int64(customer)), to: &bytes)
    }

    /// A zigzag-encoded customer number, if it is one a database can hold (1 through Int32.max).
    static func customer(_ zigzag: UInt64) -> Int? {
        let n = Int(Varint.unzigzag(zigzag))
        return KeyBlock.customers.contains(n) ? n : nil
    }

    /// The customer numbers a database can hold.
    static let customers = 1...Int(Int32.max)

    /// Calls `body` with each key's kind, bytes and customer of a block; false when the block is
    /// damaged (cut short, an unknown kind, a number too long).
    static func decode(
        _ b: UnsafeBufferPointer<UInt8>,
        _ body: (IdentityResolver.MergeKey, UnsafeBufferPointer<UInt8>, Int) throws -> Void
    ) throws -> Bool {
        var at = 0
        while at < b.count {
            let kind = b[at]
            at += 1
            guard let keyKind = KeyBlock.kind(kind), let length = Varint.read(b, &at), length <= b.count - at else {
                return false
            }
            let end = at + Int(length)
            let key = UnsafeBufferPointer(rebasing: b[at..<end])
            at = end
            // Customers count up from 1: anything else (a number that would overflow the next
            // customer's, or size a table by it) is damage.
            guard let zigzag = Varint.read(b, &at), let customer = KeyBlock.customer(zigzag) else { return false }
            try body(keyKind, key, customer)
        }
        return true
    }
}
