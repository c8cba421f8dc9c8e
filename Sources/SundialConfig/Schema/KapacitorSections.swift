/// Sections of `kapacitor.conf` that Sundial accepts without reading yet (alert handlers, discovery, inputs).
///
/// A Kapacitor user's existing file loads; each of these sections that is on (or, having no `enabled` key, sets
/// anything) is reported as not supported yet (`ConfigDecoder.reportUnread`). Their keys are not checked until the feature that reads them exists. Anything not listed here or in
/// `SundialConfiguration.sections` is reported as unknown.
enum KapacitorSections {
    static let acceptedWithoutChecks: Set<String> = [
        "replay", "load", "alert", "deadman", "stats", "reporting", "udf",
        "hipchat", "kafka",
        "scraper", "azure", "consul", "dns", "ec2", "file-discovery", "gce",
        "marathon", "nerve", "serverset", "static-discovery", "triton", "udp", "graphite", "collectd", "opentsdb",
        "fluxtask", "kubernetes", "swarm", "sideload",
    ]
}
