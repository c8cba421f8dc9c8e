/// Sundial's whole configuration: a superset of `kapacitor.conf` plus the `[store]` and `[control]` sections.
///
/// Built by `ConfigLoader` from defaults, then the file, then the environment; the command line applies its
/// flags on top by setting these properties.
public struct SundialConfiguration: Sendable {
    public var global = GlobalSettings()
    public var http = HTTPSection()
    public var auth = AuthSection()
    public var tls = TLSSection()
    /// Remote InfluxDB clusters for the tasks service; empty means it uses the embedded store.
    public var influxdb: [InfluxDBSection] = []
    public var storage = StorageSection()
    public var task = TaskSection()
    public var logging = LoggingSection()
    public var store = StoreSection()
    /// The store's UDP line-protocol listeners (`[[store.udp]]`).
    public var storeUDP: [StoreUDPSection] = []
    /// The store's collectd listeners (`[[store.collectd]]`).
    public var storeCollectd: [StoreCollectdSection] = []
    /// The store's Graphite listeners (`[[store.graphite]]`).
    public var storeGraphite: [StoreGraphiteSection] = []
    public var control = ControlSection()
    public var configOverride = ConfigOverrideSection()
    /// Alert-handler services (`Sections/AlertServiceSections.swift`).
    public var slack: [SlackSection] = []
    public var teams = TeamsSection()
    public var discord: [DiscordSection] = []
    public var pagerDuty2 = PagerDuty2Section()
    public var telegram = TelegramSection()
    public var httpPost: [HTTPPostSection] = []
    public var victorOps = VictorOpsSection()
    public var pushover = PushoverSection()
    public var opsGenie2 = OpsGenie2Section()
    public var smtp = SMTPSection()
    public var alerta = AlertaSection()
    public var sensu = SensuSection()
    public var bigPanda = BigPandaSection()
    public var serviceNow = ServiceNowSection()
    public var zenoss = ZenossSection()
    public var talk = TalkSection()
    public var pagerDuty = PagerDutySection()
    public var opsGenie = OpsGenieSection()
    public var snmpTrap = SNMPTrapSection()
    /// MQTT brokers (`[[mqtt]]`).
    public var mqtt: [MQTTSection] = []
    public var alertDelivery = AlertDeliverySection()

    public init() {}

    /// The sections in the order the file and `sundial config` list them. The top level comes first, unnamed. Made
    /// once: loading a file looks sections up for every key.
    static let sections: [SectionBinding] = [
        .single("", \.global),
        .single("http", \.http),
        .single("auth", \.auth),
        .single("tls", \.tls),
        .array("influxdb", \.influxdb),
        .single("storage", \.storage),
        .single("task", \.task),
        .single("logging", \.logging),
        .single("store", \.store),
        .array("store.udp", \.storeUDP),
        .array("store.collectd", \.storeCollectd),
        .array("store.graphite", \.storeGraphite),
        .single("control", \.control),
        .single("config-override", \.configOverride),
        .list("slack", \.slack),
        .single("teams", \.teams),
        .list("discord", \.discord),
        .single("pagerduty2", \.pagerDuty2),
        .single("telegram", \.telegram),
        .array("httppost", \.httpPost),
        .single("victorops", \.victorOps),
        .single("pushover", \.pushover),
        .single("opsgenie2", \.opsGenie2),
        .single("smtp", \.smtp),
        .single("alerta", \.alerta),
        .single("sensu", \.sensu),
        .single("bigpanda", \.bigPanda),
        .single("servicenow", \.serviceNow),
        .single("zenoss", \.zenoss),
        .single("talk", \.talk),
        .single("pagerduty", \.pagerDuty),
        .single("opsgenie", \.opsGenie),
        .single("snmptrap", \.snmpTrap),
        .list("mqtt", \.mqtt),
        .single("alert-delivery", \.alertDelivery),
    ]
}
