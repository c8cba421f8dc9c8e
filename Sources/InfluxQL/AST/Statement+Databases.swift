/// Where a statement names the data it reads or writes (`FROM db.rp.m`, `INTO db.rp.m`, `ON db`), rewritten as a
/// whole: InfluxDB 2.x resolves every such name through its DBRP mappings, not only the request's `db`.
extension Statement {
    /// A database and retention policy as a statement names them; nil where the statement leaves them to the
    /// request (`db`, `rp` parameters) or to the database's default policy.
    public typealias DataLocation = (database: String?, retentionPolicy: String?)

    /// The statement with each place it names data moved where `relocate` says. Statements that create, drop or
    /// grant on databases are left alone: they name the store's own databases, which mappings never hide.
    public func relocatingData(_ relocate: (DataLocation) -> DataLocation) -> Statement {
        switch self {
        case .select(let select): return .select(select.relocatingData(relocate))
        case .showMeasurements(var show):
            show.database = show.database.map { relocate(($0, nil)).database ?? $0 }
            return .showMeasurements(show)
        case .showSeries(var show):
            show.database = show.database.map { relocate(($0, nil)).database ?? $0 }
            show.sources = show.sources.map { $0.relocatingData(relocate) }
            return .showSeries(show)
        case .deleteSeries(var delete):
            delete.sources = delete.sources.map { $0.relocatingData(relocate) }
            return .deleteSeries(delete)
        default: return self
        }
    }
}

extension SelectStatement {
    public func relocatingData(_ relocate: (Statement.DataLocation) -> Statement.DataLocation) -> SelectStatement {
        var select = self
        select.sources = sources.map { $0.relocatingData(relocate) }
        select.target = target?.relocatingData(relocate)
        return select
    }
}

extension MeasurementSource {
    func relocatingData(_ relocate: (Statement.DataLocation) -> Statement.DataLocation) -> MeasurementSource {
        var source = self
        if let subquery {
            source.subquery = .select(subquery.statement.relocatingData(relocate))
            return source
        }
        (source.database, source.retentionPolicy) = relocate((database, retentionPolicy))
        return source
    }
}
