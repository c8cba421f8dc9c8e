public import Foundation

/// One event waiting to go through one handler, or given up on (a dead letter).
public struct Delivery: Sendable {
    /// Assigned by the persistence when stored; 0 until then.
    public var number: Int64
    public var route: DeliveryRoute
    public var alertID: String
    /// `StoredAlertEvent`'s JSON.
    public var event: Data
    public var attempts: Int
    /// Seconds since 1970 of the first attempt's start (retries are budgeted from it); nil before it.
    public var firstAttempt: Double?
    public var lastError: String

    public init(
        number: Int64 = 0, route: DeliveryRoute, alertID: String, event: Data, attempts: Int = 0, firstAttempt: Double? = nil,
        lastError: String = ""
    ) {
        self.number = number
        self.route = route
        self.alertID = alertID
        self.event = event
        self.attempts = attempts
        self.firstAttempt = firstAttempt
        self.lastError = lastError
    }
}

/// A delivery given up on: what it was, why, and when.
public struct DeadLetter: Sendable {
    public var delivery: Delivery
    /// Seconds since 1970.
    public var failedAt: Double

    public init(delivery: Delivery, failedAt: Double) {
        self.delivery = delivery
        self.failedAt = failedAt
    }
}

/// Where the outbox keeps deliveries so a restart (or a kill) finds the ones not yet sent (`TaskService.OutboxStore`,
/// SQLite in the data directory). Calls come from the outbox's lanes, one at a time per lane.
public protocol OutboxPersistence: Sendable {
    /// Stores new deliveries in one transaction, returning their numbers in order.
    func insert(_ deliveries: [Delivery]) throws -> [Int64]
    func delete(_ number: Int64) throws
    /// Records a failed attempt of a delivery that will be tried again.
    func update(_ delivery: Delivery) throws
    /// Moves deliveries to the dead letters in one transaction, keeping at most `limit` of them.
    func bury(_ deliveries: [Delivery], at time: Double, limit: Int) throws
    /// Every delivery not yet sent, in the order they were made.
    func pending() throws -> [Delivery]
    func deadLetters() throws -> [DeadLetter]
    func clearDeadLetters() throws
}

extension Delivery {
    /// The event it carries; nil when the stored bytes no longer read.
    public var alertEvent: AlertEvent? { try? StoredAlertEvent.decoded(event) }
}
