import Foundation

/// Holds its first `needed` callers until all of them have arrived; later callers pass at once.
final class Rendezvous: @unchecked Sendable {
    private let lock = NSLock()
    private let needed: Int
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ needed: Int) { self.needed = needed }

    func arrive() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let released: [CheckedContinuation<Void, Never>] = lock.withLock {
                arrived += 1
                guard arrived >= needed else {
                    waiting.append(continuation)
                    return []
                }
                defer { waiting = [] }
                return waiting + [continuation]
            }
            for waiter in released { waiter.resume() }
        }
    }
}
