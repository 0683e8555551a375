import ArgumentParser

/// `--safe-mode on|off`.
enum SafeModeValue: String, ExpressibleByArgument, CaseIterable {
    case on, off
}
