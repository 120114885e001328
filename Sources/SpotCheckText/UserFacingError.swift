/// An error a user can cause, in the catalog's words: what is wrong, where, and what to do.
///
/// The naming rule: an error a user sees is a `…Error` type conforming to this protocol; the
/// pure rules in SpotCheckCore have no text and report `…Violation` values, which the catalog
/// turns into messages. Front ends render any of them with one cast: the first message is the
/// error, the others its details (one problem row each).
public protocol UserFacingError: Error {
    var messages: [Message] { get }
}
