import Foundation
#if DEBUG
import Synchronization
#endif

/// The one way the store decodes what it stored as JSON (records, student
/// bodies, settings, drafts, the inbox). In debug builds it counts every
/// decode, so a test can show that a path meant to read columns only (the
/// student list, the filter on each keystroke) decodes no JSON at all.
public enum StoredJSON {
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        #if DEBUG
        decodes.add(1, ordering: .relaxed)
        #endif
        return try JSONDecoder().decode(type, from: data)
    }

    #if DEBUG
    private static let decodes = Atomic<Int>(0)

    /// JSON decodes since the process started (debug builds only).
    public static var decodeCount: Int { decodes.load(ordering: .relaxed) }
    #endif
}
