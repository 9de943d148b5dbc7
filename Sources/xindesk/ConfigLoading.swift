import Workstation

extension Config {
    /// The settings file, or a teacher-readable error naming its line.
    static func loadForCommand() throws -> Config {
        do { return try Config.load(Config.path()) } catch {
            throw CLIError.badConfig(error.message)
        }
    }
}
