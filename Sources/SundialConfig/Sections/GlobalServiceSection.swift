/// A service section that can be `global`: every alert node sends through its handler, and with
/// `state-changes-only` (where the section has it) the whole node sends state changes only, as in Kapacitor.
public protocol GlobalServiceSection: Sendable {
    var enabled: Bool { get }
    var global: Bool { get }
    /// Whether, global, it makes every alert node send state changes only.
    var makesStateChangesOnly: Bool { get }
}

extension GlobalServiceSection {
    public var makesStateChangesOnly: Bool { false }
}

extension SlackSection: GlobalServiceSection { public var makesStateChangesOnly: Bool { stateChangesOnly } }
extension TeamsSection: GlobalServiceSection { public var makesStateChangesOnly: Bool { stateChangesOnly } }
extension DiscordSection: GlobalServiceSection { public var makesStateChangesOnly: Bool { stateChangesOnly } }
extension TelegramSection: GlobalServiceSection { public var makesStateChangesOnly: Bool { stateChangesOnly } }
extension SMTPSection: GlobalServiceSection { public var makesStateChangesOnly: Bool { stateChangesOnly } }
extension BigPandaSection: GlobalServiceSection { public var makesStateChangesOnly: Bool { stateChangesOnly } }
extension ServiceNowSection: GlobalServiceSection { public var makesStateChangesOnly: Bool { stateChangesOnly } }
extension ZenossSection: GlobalServiceSection { public var makesStateChangesOnly: Bool { stateChangesOnly } }
extension PagerDuty2Section: GlobalServiceSection {}
extension VictorOpsSection: GlobalServiceSection {}
extension OpsGenie2Section: GlobalServiceSection {}
extension PagerDutySection: GlobalServiceSection {}
extension OpsGenieSection: GlobalServiceSection {}
