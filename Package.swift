// swift-tools-version:6.1
// xindesk: a terminal workstation for a school counseling room.
// Layout and dependency direction: ../shared/docs/ARCHITECTURE.md.
import PackageDescription

// This branch carries only the pure domain module; the other targets of the
// scaffold (CipherVFS, Vault, the executable and their tests) and the packages
// only they use are listed where their sources live.
let package = Package(
    name: "xindesk",
    platforms: [.macOS(.v13)],
    targets: [
        .systemLibrary(
            name: "CSodium",
            providers: [.apt(["libsodium-dev"])]),

        // The counseling domain: values and rules, no I/O, no clock.
        // It imports nothing of ours so every other module can build on it.
        .target(name: "Counseling"),
        .testTarget(
            name: "CounselingTests",
            dependencies: ["Counseling"]),
    ],
    swiftLanguageModes: [.v6]
)
