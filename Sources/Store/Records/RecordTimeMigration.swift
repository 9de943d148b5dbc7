import GRDB

/// v4: one text format in `records.time`. Records dated by a day alone
/// (referrals, follow-ups, screenings, screening proposals) used to store the
/// bare day, `2026-09-20`, beside everyone else's `2026-09-20T08:00:00`; the
/// bare day sorts before its own midnight, so a range query for a day missed
/// that day's records and caught the next day's. Such a key becomes the day
/// at midnight, `2026-09-20T00:00:00`, which is what `StoredRecord.timeKey`
/// now writes (`Day.midnightKey`).
///
/// Plain SQL on the stored text, no app types: a row is rewritten by the
/// shape of its key (exactly ten characters, `YYYY-MM-DD`), whatever its
/// kind, so no day-keyed kind can be left out. A rewritten key is nineteen
/// characters and no longer matches, so running it again changes nothing.
/// Only `time` changes: not the body, the revision or the other projections.
enum RecordTimeMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE records SET time = time || 'T00:00:00'
            WHERE length(time) = 10 AND time GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
            """)
    }
}
