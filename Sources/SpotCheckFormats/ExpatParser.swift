import CExpat
import SpotCheckText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one XML part's events do. Subclasses override the events they need and call
/// ``fail(_:)`` to stop the parse with a problem (issue 7: nothing silently wrong).
class XMLPartHandler {
    /// The first problem a handler found; the parser stops at it.
    fileprivate(set) var problem: FileError?
    /// Whether there is a ``problem`` (checked after every event, without copying the problem).
    fileprivate(set) var failed = false

    func start(_ name: UnsafePointer<CChar>, _ attributes: Attributes) {}
    func end(_ name: UnsafePointer<CChar>) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}

    /// Stops the parse: the part is refused with this problem.
    final func fail(_ problem: FileError) {
        if !failed {
            self.problem = problem
            failed = true
        }
    }
}

/// An element's attributes as expat hands them over: name, value, name, value, …, NULL.
struct Attributes {
    let base: UnsafeMutablePointer<UnsafePointer<CChar>?>

    /// The value of the attribute whose local name (after any `prefix:`) is `name`.
    func callAsFunction(_ name: StaticString) -> UnsafePointer<CChar>? {
        var i = 0
        while let key = base[i] {
            if xmlNameIs(key, name) { return base[i + 1] }
            i += 2
        }
        return nil
    }

    /// The value as a Swift string.
    func string(_ name: StaticString) -> String? { self(name).map { String(cString: $0) } }
}

/// Whether an element or attribute name is `expected`, ignoring a namespace prefix (`x:row`).
@inline(__always) func xmlNameIs(_ name: UnsafePointer<CChar>, _ expected: StaticString) -> Bool {
    let local = strrchr(name, 0x3A).map { UnsafePointer($0 + 1) } ?? name
    return expected.withUTF8Buffer { e in
        var i = 0
        while i < e.count {
            if UInt8(bitPattern: local[i]) != e[i] { return false }
            i += 1
        }
        return local[i] == 0
    }
}

/// One part of an XLSX package parsed by expat, fed chunk by chunk as it inflates: the part is
/// never held whole, and a part that ends early or breaks the XML rules is an error naming the
/// part and expat's line and reason.
///
/// Hardened for files from anywhere: a DTD is refused (OOXML parts never have one, so there
/// are no entities to expand: no billion laughs, no external entities), the hash salt is
/// random, and a single token (a tag, an attribute value, a comment) may not grow beyond
/// ``maxTokenBytes`` while expat buffers it.
final class ExpatParser {
    /// Bytes fed without a single event before the part is refused.
    static let maxTokenBytes = 16 << 20

    let part: String
    let file: String
    let handler: XMLPartHandler
    private let parser: XML_Parser
    private var sinceEvent = 0
    private var refusal: FileError?

    init(part: String, file: String, handler: XMLPartHandler) throws {
        self.part = part
        self.file = file
        self.handler = handler
        guard let p = XML_ParserCreate(nil) else {
            throw FileError(file: file, message: Catalog.File.corruptXLSX("\(part): expat"))
        }
        parser = p
        XML_SetHashSalt(p, UInt.random(in: 1...UInt.max))
        XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER)
        XML_SetUserData(p, Unmanaged.passUnretained(self).toOpaque())
        // The events borrow the parser and its handler (no retain and release per event: a
        // sheet of a million rows has some fifty million events).
        XML_SetElementHandler(
            p,
            { ud, name, attributes in
                ExpatParser.with(ud) { me in
                    me.handler.start(name!, Attributes(base: attributes!))
                    me.afterEvent()
                }
            },
            { ud, name in
                ExpatParser.with(ud) { me in
                    me.handler.end(name!)
                    me.afterEvent()
                }
            })
        XML_SetCharacterDataHandler(p) { ud, s, len in
            ExpatParser.with(ud) { me in
                let bytes = UnsafeRawPointer(s!).assumingMemoryBound(to: UInt8.self)
                me.handler.text(UnsafeBufferPointer(start: bytes, count: Int(len)))
                me.afterEvent()
            }
        }
        // Everything else (declarations, comments, whitespace outside the root) only counts
        // as progress; the expanding variant keeps entity handling as it is.
        XML_SetDefaultHandlerExpand(p) { ud, _, _ in ExpatParser.from(ud).sinceEvent = 0 }
        XML_SetStartDoctypeDeclHandler(p) { ud, _, _, _, _ in
            let me = ExpatParser.from(ud)
            me.refuse(FileError(file: me.file, message: Catalog.File.doctypeRefused(me.part)))
        }
    }

    deinit { XML_ParserFree(parser) }

    private static func from(_ ud: UnsafeMutableRawPointer?) -> ExpatParser {
        Unmanaged<ExpatParser>.fromOpaque(ud!).takeUnretainedValue()
    }

    /// Runs `body` with the parser whose user data `ud` is, borrowed: the parser outlives every
    /// event, since it frees expat's parser when it goes.
    @inline(__always)
    private static func with(_ ud: UnsafeMutableRawPointer?, _ body: (ExpatParser) -> Void) {
        Unmanaged<ExpatParser>.fromOpaque(ud!)._withUnsafeGuaranteedRef(body)
    }

    @inline(__always) private func afterEvent() {
        sinceEvent = 0
        if handler.failed { XML_StopParser(parser, XML_FALSE) }
    }

    private func refuse(_ problem: FileError) {
        if refusal == nil { refusal = problem }
        XML_StopParser(parser, XML_FALSE)
    }

    /// Parses the next chunk of the part; `final` says there is no more.
    func feed(_ chunk: UnsafeRawBufferPointer, final: Bool) throws(FileError) {
        var offset = 0
        // XML_Parse takes an Int32 length: feed big buffers in slices.
        repeat {
            let n = min(chunk.count - offset, 1 << 30)
            let last = final && offset + n == chunk.count
            let status = XML_Parse(
                parser, chunk.baseAddress.map { ($0 + offset).assumingMemoryBound(to: CChar.self) },
                Int32(n), last ? 1 : 0)
            if let p = handler.problem ?? refusal { throw p }
            guard status == XML_STATUS_OK else {
                let code = XML_GetErrorCode(parser)
                let reason = XML_ErrorString(code).map { String(cString: $0) } ?? "XML error \(code.rawValue)"
                let line = Int(XML_GetCurrentLineNumber(parser))
                throw FileError(file: file, message: Catalog.File.corruptPart(part, line: line, reason: reason))
            }
            offset += n
            sinceEvent += n
        } while offset < chunk.count
        if sinceEvent > ExpatParser.maxTokenBytes {
            let limit = ExpatParser.maxTokenBytes >> 20
            throw FileError(file: file, message: Catalog.File.tokenTooLong(part, limitMiB: limit))
        }
    }
}
