import ArgumentParser
import Counseling
import Curses
import Foundation
import Terminal
import Vault
import Workstation

/// `xindesk` (and `xindesk open`): the workstation on the terminal.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open the workstation (the default when no command is given).")

    /// `--db` (default: config.toml, else the usual path), `--user` (the
    /// account chosen on the unlock screen) and `--lang` (default:
    /// config.toml, else LANG).
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Colour theme: default, light, high-contrast, mono or one of ~/.config/xindesk/themes.")
    var theme: String?

    func validate() throws {
        try global.refuse([.passphraseFile], in: "open", because: WorkstationLoop.asksPassphrase)
    }

    func run() throws {
        let config = try Config.loadForCommand()
        let language = global.language ?? config.language ?? Text.language
        try WorkstationLoop.run(database: global.db ?? config.database ?? VaultPaths.defaultDatabase(), language: language,
                                themeName: theme ?? config.theme, config: config, account: global.user)
    }
}

/// The screen loop: keys and clock ticks in, `update`, effects through
/// the session, a frame out. The terminal is restored on every way out.
enum WorkstationLoop {
    /// Why the workstation takes no --passphrase-file.
    static let asksPassphrase = LocalizedText(zh: "工作台在解锁界面上询问口令。",
                                              en: "the workstation asks for the passphrase on its unlock screen.")

    /// `account`, when given, is chosen on the unlock screen; an account the
    /// database does not have is refused before the screen opens.
    static func run(database: String, language: Language, themeName: String, config: Config, account: String? = nil) throws {
        let accounts = try Vault.accounts(database: database).map(\.name)
        let shipped = Bundle.main.executableURL.map { $0.deletingLastPathComponent().appendingPathComponent("../../../themes").standardizedFileURL.path }
        let (theme, themeProblem) = ThemeLoader.load(themeName, searching: [ThemeLoader.userDirectory()] + (shipped.map { [$0] } ?? []))
        let session = Session(database: database, openingProfile: config.openingProfile, legacyHotlines: config.hotlines)
        let zone = session.timeZone
        var state = AppState(language: language, accounts: accounts, now: LocalDateTime(Date(), in: zone), wall: Date(),
                             idleLockMinutes: config.idleLockMinutes)
        // A wait begun before this start (a restart, the command line) still counts down.
        state.retryAt = Vault.retryTimes(database: database, accounts: accounts)
        if let account, !state.preselect(account) { throw VaultError.unknownAccount(account: account) }
        if let themeProblem { state.unlockMessage = themeProblem.message.text(language) }
        let screen = try Screen(theme: theme)
        defer {
            session.lock()
            screen.restore()
        }
        state.width = screen.width
        state.height = screen.height
        var running = true
        while running {
            screen.draw(Render.frame(state))
            if screen.stopSignal != nil {
                // The terminal went away (hang-up, kill): a note being
                // written is kept as a draft before the store closes.
                for effect in Update.draftEffects(state) { _ = session.perform(effect, state: state) }
                break
            }
            var messages: [Msg] = []
            if let key = screen.readKey(timeout: 250) { messages.append(.key(key, at: Date())) }
            messages.append(.tick(now: LocalDateTime(Date(), in: zone), wall: Date()))
            while !messages.isEmpty && running {
                let msg = messages.removeFirst()
                for effect in Update.update(&state, msg) {
                    if effect == .quit { running = false; break }
                    if effect == .suspend {
                        screen.suspend()
                        // Back from the shell: a long absence locks before the next frame is drawn.
                        messages.append(.tick(now: LocalDateTime(Date(), in: zone), wall: Date()))
                        continue
                    }
                    messages += session.perform(effect, state: state)
                }
            }
        }
    }
}

extension ThemeError {
    /// The Terminal module imports nothing of ours, so it writes its two
    /// sentences as plain strings; here they become one `LocalizedText`.
    var message: LocalizedText { LocalizedText(zh: chinese, en: english) }
}
