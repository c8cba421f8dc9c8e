/// Checks the merged configuration (file, then environment) for values that are well-typed but unusable,
/// pointing each problem at the line or variable that set the value.
struct ConfigValidator {
    let configuration: SundialConfiguration
    let origins: ValueOrigins
    let locator: TOMLKeyLocator?

    func diagnostics() -> [ConfigDiagnostic] {
        var found: [ConfigDiagnostic] = []
        for binding in SundialConfiguration.sections {
            for index in 0..<binding.count(configuration) {
                for problem in binding.problems(configuration, index) {
                    found.append(diagnostic(binding, index, problem.key, problem.message, severity: problem.severity))
                }
            }
        }
        return found + influxDBClusterProblems() + tasksAuthProblems() + embeddedStoreAuthProblems() + workspaceProblems()
    }

    /// Kapacitor's rules across the elements of `[[slack]]`, `[[discord]]` and `[[mqtt]]` (`slack: at least one Slack
    /// config must be set as default`).
    private func workspaceProblems() -> [ConfigDiagnostic] {
        ["slack", "discord", "mqtt"].flatMap { name in
            let binding = SundialConfiguration.sections.first { $0.name == name }!
            return configuration.elementSetProblems(name).map { error(binding, 0, $0.key, $0.message) }
        }
    }

    /// `[http] auth-enabled` needs a way in: `[auth]` users, or tokens signed with `shared-secret`. Kapacitor would
    /// accept any user name and password as an admin without `[auth]`; Sundial accepts only tokens then.
    private func tasksAuthProblems() -> [ConfigDiagnostic] {
        guard configuration.http.authEnabled else { return [] }
        guard !configuration.auth.enabled else { return [] }
        let binding = SundialConfiguration.sections.first { $0.name == "http" }!
        guard !configuration.http.sharedSecret.isEmpty else {
            return [
                error(
                    binding, 0, "auth-enabled", "needs [auth] enabled = true (users) or shared-secret (signed tokens); nobody could sign in"
                )
            ]
        }
        return [
            diagnostic(
                binding, 0, "auth-enabled", "without [auth] enabled only tokens signed with shared-secret are accepted, no password",
                severity: .warning)
        ]
    }

    /// Tasks on an auth-enabled embedded store act as `[task] store-username`; without it their queries and writes are
    /// refused, which a user should learn before the first alert is missed.
    private func embeddedStoreAuthProblems() -> [ConfigDiagnostic] {
        let task = configuration.task
        guard configuration.store.enabled, configuration.store.authEnabled, !configuration.influxdb.contains(where: \.enabled),
            task.storeUsername.isEmpty && task.storePassword.isEmpty
        else { return [] }
        let binding = SundialConfiguration.sections.first { $0.name == "store" }!
        return [
            diagnostic(
                binding, 0, "auth-enabled",
                "tasks have no credentials for the store: their queries and writes are refused until [task] store-username and store-password are set",
                severity: .warning)
        ]
    }

    /// Kapacitor's rules across `[[influxdb]]` elements: unique names, and exactly one default when several are on.
    private func influxDBClusterProblems() -> [ConfigDiagnostic] {
        let binding = SundialConfiguration.sections.first { $0.name == "influxdb" }!
        let clusters = configuration.influxdb
        var found: [ConfigDiagnostic] = []
        var seen: Set<String> = []
        for (index, cluster) in clusters.enumerated() where !seen.insert(cluster.name).inserted {
            found.append(error(binding, index, "name", "duplicate name \(TOMLLiteral.quoted(cluster.name))"))
        }
        let enabled = clusters.indices.filter { clusters[$0].enabled }
        let defaults = enabled.filter { clusters[$0].isDefault }
        if defaults.count > 1 {
            found.append(error(binding, defaults[1], "default", "more than one enabled [[influxdb]] is the default"))
        } else if enabled.count > 1 && defaults.isEmpty {
            found.append(
                error(binding, enabled[0], "default", "several [[influxdb]] are enabled; set default = true on one")
            )
        }
        return found
    }

    private func error(_ binding: SectionBinding, _ index: Int, _ key: String, _ message: String) -> ConfigDiagnostic {
        diagnostic(binding, index, key, message, severity: .error)
    }

    private func diagnostic(
        _ binding: SectionBinding, _ index: Int, _ key: String, _ message: String, severity: ConfigDiagnostic.Severity
    ) -> ConfigDiagnostic {
        var origin = origins.origin(section: binding.name, index: index, key: key)
        if origin == .unplaced, let line = locator?.headerLine(section: binding.name, index: index) {
            origin = .line(line)
        }
        let subject = binding.label.isEmpty ? key : "\(binding.label) \(key)"
        return ConfigDiagnostic(severity: severity, origin: origin, subject: subject, message: message)
    }
}
