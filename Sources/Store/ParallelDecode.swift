import Foundation

/// `map` over the cores, for CPU-bound work such as decoding thousands of
/// JSON records. Results keep the input order; the first error is thrown.
enum ParallelDecode {
    static func map<In: Sendable, Out: Sendable>(_ input: [In], chunk: Int = 64,
                                                  _ transform: @Sendable (In) throws -> Out) throws -> [Out] {
        guard input.count > chunk else { return try input.map(transform) }
        let results = Slots<Out>(count: input.count)
        let chunks = (input.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in (c * chunk)..<min(input.count, (c + 1) * chunk) {
                do { results.set(i, try transform(input[i])) } catch {
                    results.fail(error)
                    return
                }
            }
        }
        return try results.values()
    }
}

/// Output slots written from several threads, each slot by exactly one.
private final class Slots<Out>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Out?>
    private var error: Error?
    private let lock = NSLock()

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    func set(_ i: Int, _ value: Out) { storage[i] = value }

    func fail(_ e: Error) { lock.withLock { if error == nil { error = e } } }

    func values() throws -> [Out] {
        if let error { throw error }
        return storage.map { $0! }
    }
}
