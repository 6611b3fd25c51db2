namespace SensorNode.Gateway;

/// <summary>
/// The store's schema (documented column by column in docs/gateway.md). <see cref="Migrations"/>[i] moves a database
/// from version i to i + 1 (SQLite: user_version; PostgreSQL: the sensornode_schema table); append, never edit, so
/// existing gateway databases upgrade in place. Written in SQLite's spelling with portable constructs (INTEGER, TEXT,
/// REAL, BLOB, INTEGER PRIMARY KEY, ON CONFLICT ... DO ...): <see cref="StoreDialect"/> rewrites them for PostgreSQL.
/// </summary>
internal static class StoreSchema
{
    internal static readonly string[] Migrations =
    [
        """
        CREATE TABLE readings (
            node_id        TEXT    NOT NULL,
            seq            INTEGER NOT NULL,
            unix_s         INTEGER,
            temperature_c  REAL,
            humidity_pct   REAL,
            illuminance_lx REAL,
            supercap_v     REAL,
            motion         INTEGER,
            received_ms    INTEGER NOT NULL,
            PRIMARY KEY (node_id, seq)
        ) WITHOUT ROWID;
        CREATE INDEX readings_time ON readings (unix_s);
        CREATE TABLE energy (
            id          INTEGER PRIMARY KEY,
            node_id     TEXT    NOT NULL,
            max_seq     INTEGER,
            unix_s      INTEGER,
            stored_j    REAL,
            wake_j      REAL,
            harvest_w   REAL,
            dropped     INTEGER,
            received_ms INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX energy_key ON energy (node_id, max_seq);
        CREATE TABLE nodes (
            node_id         TEXT    NOT NULL PRIMARY KEY,
            room            TEXT,
            last_seen_ms    INTEGER NOT NULL DEFAULT 0,
            availability    TEXT,
            next_wake_s     INTEGER,
            last_supercap_v REAL,
            supercap_seq    INTEGER,
            last_stored_j   REAL,
            dropped         INTEGER,
            energy_seq      INTEGER
        ) WITHOUT ROWID;
        CREATE TABLE dead_letters (
            id             INTEGER PRIMARY KEY,
            topic          TEXT    NOT NULL,
            reason         TEXT    NOT NULL,
            payload        BLOB    NOT NULL,
            payload_length INTEGER NOT NULL,
            received_ms    INTEGER NOT NULL
        );
        CREATE TABLE commands (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            node_id         TEXT    NOT NULL,
            name            TEXT    NOT NULL,
            payload         BLOB    NOT NULL,
            created_ms      INTEGER NOT NULL,
            released_ms     INTEGER,
            acknowledged_ms INTEGER
        );
        CREATE INDEX commands_pending ON commands (node_id, acknowledged_ms);
        """,
        // 2: readings that lost their (node, seq) key to another reading: a node that reused seq after its storage was erased.
        """
        CREATE TABLE superseded_readings (
            node_id        TEXT    NOT NULL,
            seq            INTEGER NOT NULL,
            unix_s         INTEGER,
            temperature_c  REAL,
            humidity_pct   REAL,
            illuminance_lx REAL,
            supercap_v     REAL,
            motion         INTEGER,
            received_ms    INTEGER NOT NULL,
            kind           TEXT    NOT NULL,
            superseded_ms  INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX superseded_key ON superseded_readings (node_id, seq, coalesce(unix_s, -1));
        """,
        // 3: fault reports of nodes without a trustworthy configuration ("unconfigured-<mac>"), one row per distinct report.
        """
        CREATE TABLE fault_reports (
            id            INTEGER PRIMARY KEY,
            node_id       TEXT    NOT NULL,
            code          TEXT    NOT NULL,
            config_crc    TEXT    NOT NULL,
            report        TEXT    NOT NULL,
            first_seen_ms INTEGER NOT NULL,
            last_seen_ms  INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX fault_reports_key ON fault_reports (node_id, report);
        CREATE INDEX fault_reports_seen ON fault_reports (last_seen_ms);
        """,
        // 4: coverage of each reading (docs/occupancy.md: NULL = unknown, an older payload) and the occupancy per room and slot.
        """
        ALTER TABLE readings ADD COLUMN armed_s INTEGER;
        ALTER TABLE readings ADD COLUMN brownout INTEGER;
        CREATE TABLE occupancy (
            room        TEXT    NOT NULL,
            slot_s      INTEGER NOT NULL,
            state       TEXT    NOT NULL,
            evidence    TEXT    NOT NULL,
            watched_s   INTEGER NOT NULL,
            motion      INTEGER NOT NULL,
            decided_ms  INTEGER NOT NULL,
            PRIMARY KEY (room, slot_s)
        ) WITHOUT ROWID;
        """,
        // 5: the event RTC's first and last motion of each reading's interval, s before its time (NULL = not sent).
        """
        ALTER TABLE readings ADD COLUMN motion_first_age_s INTEGER;
        ALTER TABLE readings ADD COLUMN motion_last_age_s INTEGER;
        """,
        // learn (issue 12): every policy table queued for a node (one row per policy command) and the table each node runs (set on its ack).
        """
        CREATE TABLE policy_pushes (
            command_id    INTEGER NOT NULL PRIMARY KEY,
            node_id       TEXT    NOT NULL,
            table_version INTEGER NOT NULL,
            table_crc     INTEGER NOT NULL,
            layout_id     INTEGER NOT NULL,
            queued_ms     INTEGER NOT NULL,
            outcome       TEXT,
            settled_ms    INTEGER
        );
        CREATE INDEX policy_pushes_node ON policy_pushes (node_id, command_id);
        CREATE TABLE node_policies (
            node_id       TEXT    NOT NULL PRIMARY KEY,
            command_id    INTEGER NOT NULL,
            table_version INTEGER NOT NULL,
            table_crc     INTEGER NOT NULL,
            layout_id     INTEGER NOT NULL,
            since_ms      INTEGER NOT NULL
        );
        """,
        // fleet (docs/updates.md): application sets scheduled to nodes, each node's progress, and the version it reports.
        """
        CREATE TABLE fleet_updates (
            version     INTEGER NOT NULL PRIMARY KEY,
            manifest    BLOB    NOT NULL,
            image_bytes INTEGER NOT NULL,
            chunk_bytes INTEGER NOT NULL,
            chunk_count INTEGER NOT NULL,
            created_ms  INTEGER NOT NULL
        );
        CREATE TABLE fleet_nodes (
            node_id           TEXT    NOT NULL,
            version           INTEGER NOT NULL,
            scheduled_ms      INTEGER NOT NULL,
            manifest_acked_ms INTEGER,
            manifest_rejected TEXT,
            chunks_acked      INTEGER NOT NULL,
            chunks_refused    INTEGER NOT NULL,
            first_chunk_ms    INTEGER,
            last_chunk_ms     INTEGER,
            PRIMARY KEY (node_id, version)
        );
        CREATE TABLE node_apps (
            node_id             TEXT    NOT NULL PRIMARY KEY,
            running_version     INTEGER NOT NULL,
            rolled_back_version INTEGER,
            rollback_reason     TEXT,
            reported_ms         INTEGER NOT NULL
        );
        """,
        // scale: the building of the gateway that wrote each row, so many buildings share one (PostgreSQL) database
        // (docs/scale.md); occupancy is keyed per building, since room names repeat across buildings.
        """
        ALTER TABLE nodes ADD COLUMN building TEXT NOT NULL DEFAULT '';
        ALTER TABLE readings ADD COLUMN building TEXT NOT NULL DEFAULT '';
        ALTER TABLE dead_letters ADD COLUMN building TEXT NOT NULL DEFAULT '';
        CREATE INDEX readings_building ON readings (building, node_id, seq);
        CREATE TABLE occupancy_by_building (
            building    TEXT    NOT NULL DEFAULT '',
            room        TEXT    NOT NULL,
            slot_s      INTEGER NOT NULL,
            state       TEXT    NOT NULL,
            evidence    TEXT    NOT NULL,
            watched_s   INTEGER NOT NULL,
            motion      INTEGER NOT NULL,
            decided_ms  INTEGER NOT NULL,
            PRIMARY KEY (building, room, slot_s)
        ) WITHOUT ROWID;
        INSERT INTO occupancy_by_building (room, slot_s, state, evidence, watched_s, motion, decided_ms)
            SELECT room, slot_s, state, evidence, watched_s, motion, decided_ms FROM occupancy;
        DROP TABLE occupancy;
        ALTER TABLE occupancy_by_building RENAME TO occupancy;
        """,
        // watch (issue 17): each node's newest watch commitment (docs/occupancy.md), so a restarted gateway keeps using it until it ends.
        """
        CREATE TABLE watch_commitments (
            node_id     TEXT    NOT NULL PRIMARY KEY,
            building    TEXT    NOT NULL DEFAULT '',
            from_s      INTEGER NOT NULL,
            seconds     INTEGER NOT NULL,
            active      INTEGER NOT NULL,
            received_ms INTEGER NOT NULL
        );
        """,
        // policy report (issue 12): the table version each message names (SenML "policy"), and the newest per node.
        """
        ALTER TABLE energy ADD COLUMN policy_version INTEGER;
        ALTER TABLE nodes ADD COLUMN policy_version INTEGER;
        """,
    ];

    /// <summary>The user_version of a fully migrated database.</summary>
    internal static int Version => Migrations.Length;
}
