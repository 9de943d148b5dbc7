// swift-tools-version:6.1
// xindesk: a terminal workstation for a school counseling room.
// Layout and dependency direction: docs/ARCHITECTURE.md.
import PackageDescription

let package = Package(
    name: "xindesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "xindesk", targets: ["xindesk"]),
        .executable(name: "xindesk-district", targets: ["xindesk-district"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The school file (`xindesk school show/apply`) is TOML.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // The zip container of an .xlsx workbook (imports).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // xindesk-district: the education bureau's PostgreSQL (PostgresNIO and its logger).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CSodium",
            providers: [.apt(["libsodium-dev"])]),
        // The page-encrypting SQLite VFS shim. C, because a VFS is a table of
        // C callbacks and must never call back into Swift while SQLite holds locks.
        .target(
            name: "CipherVFS",
            cSettings: [.unsafeFlags(["-Wall", "-Wextra", "-Wno-unused-parameter"])],
            linkerSettings: [.linkedLibrary("sqlite3"), .linkedLibrary("sodium")]),
        .target(
            name: "Vault",
            dependencies: [
                "CipherVFS", "CSodium", "Counseling",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        // The counseling domain: pure values and rules, no I/O, no clock.
        .target(name: "Counseling"),
        // Cells, buffer, text width, sanitizing, layout and widgets; no ncurses.
        .target(name: "Terminal"),
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]),
        // C: what a crash leaves on the terminal (a fatal-signal handler that
        // clears the screen with write(2) and re-raises; async-signal-safe only).
        .target(name: "TerminalGuard"),
        // The only code that calls ncurses: Terminal buffers to the screen, keys in.
        .target(
            name: "Curses",
            dependencies: ["Terminal", "CNcursesw", "TerminalGuard"]),
        // App state, messages, update, views per pane, key map, strings zh/en.
        .target(
            name: "Workstation",
            dependencies: ["Terminal", "Store", "Counseling", "Vault"]),
        // A small program on the toolkit, driven by the end-to-end tests.
        .executableTarget(
            name: "terminal-demo",
            dependencies: ["Terminal", "Curses"],
            path: "Sources/TerminalDemo"),
        // Records, migrations, queries and the audit chain, on the encrypted store.
        .target(
            name: "Store",
            dependencies: [
                "Counseling", "Vault", "CSodium", "DistrictBundle",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .executableTarget(
            name: "xindesk",
            dependencies: [
                "Vault", "Store", "Counseling", "Terminal", "Curses", "Workstation", "CipherVFS", "DistrictBundle",
                // `bench store` times libsodium's own page decryption beside the cipher's.
                "CSodium",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Test support: a spy VFS that records every write reaching the disk,
        // and a child process that commits and reports (killed by crash tests).
        .target(
            name: "SpyVFS",
            path: "Tests/Support/SpyVFS",
            linkerSettings: [.linkedLibrary("sqlite3")]),
        .executableTarget(
            name: "vfs-torture",
            dependencies: [
                "CipherVFS", "SpyVFS",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            path: "Tests/Support/VFSTorture"),
        // A child process for the Vault tests: unlocks a store, opens a pool
        // through the vault and commits small transactions, so several can
        // write one encrypted database at once.
        .executableTarget(
            name: "store-writer",
            dependencies: [
                "Vault",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Tests/Support/StoreWriter"),
        .testTarget(
            name: "CipherVFSTests",
            dependencies: [
                "CipherVFS", "Vault", "CSodium", "SpyVFS", "vfs-torture",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            resources: [.copy("Golden")]),
        .testTarget(
            name: "VaultTests",
            dependencies: [
                "Counseling",
                "Vault", "CipherVFS", "store-writer",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The raw C API, to make a plain SQLite file on the "unix" VFS.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "TerminalTests",
            dependencies: ["Terminal"]),
        .testTarget(
            name: "CursesTests",
            dependencies: ["Curses", "Terminal", "CNcursesw"]),
        .testTarget(
            name: "WorkstationTests",
            dependencies: ["Workstation", "Terminal", "Store", "Vault", "Counseling", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Snapshots"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["terminal-demo", "xindesk", "Store", "Vault", "Counseling", "Workstation", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "CounselingTests",
            dependencies: ["Counseling"]),
        .testTarget(
            name: "StoreTests",
            // ZIPFoundation builds crafted workbooks (a zip bomb, a lying header).
            dependencies: ["Store", "Vault", "Counseling", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // District reports (issue 20): the bundle a school seals to its
        // district. libsodium and Foundation only, so the district's own
        // executable links it without the school's store or ncurses.
        .target(
            name: "DistrictBundle",
            dependencies: ["CSodium"]),
        .testTarget(
            name: "DistrictBundleTests",
            dependencies: ["DistrictBundle", "Store", "Vault", "Counseling",
                           .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "XindeskCLITests",
            // The binary is run as a child process; Vault and GRDB fill a
            // database with rows before `xindesk check` is run on it.
            dependencies: ["xindesk", "Vault", "Store", "Counseling", "DistrictBundle", .product(name: "GRDB", package: "GRDB.swift")]),

        // The education bureau's side of district reports: term bundles from
        // every school into PostgreSQL. Never links ncurses, Store, Vault or
        // GRDB: a bureau holds counts, never a school's database.
        .executableTarget(
            name: "xindesk-district",
            dependencies: [
                "DistrictBundle", "Counseling", "Terminal", "CSodium",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/XindeskDistrict"),
        .testTarget(
            name: "XindeskDistrictTests",
            // The binary runs as child processes against the throwaway
            // cluster of scripts/with-postgres (XINDESK_TEST_PG).
            // The end-to-end test also runs the school's xindesk (demo, export, stats).
            dependencies: ["xindesk-district", "xindesk", "DistrictBundle", "Counseling"]),
    ],
    swiftLanguageModes: [.v6]
)
