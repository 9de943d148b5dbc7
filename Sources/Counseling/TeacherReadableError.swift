/// An error a teacher can act on: `message` is shown on screen in the user's
/// language; `detail` is for developers and bug reports. Details never hold
/// student data (names, notes, raw field values), so they are safe to log.
public protocol TeacherReadableError: Error, Sendable {
    var message: LocalizedText { get }
    var detail: String { get }
}
