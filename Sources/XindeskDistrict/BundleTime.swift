import DistrictBundle
import Foundation

/// Times as the report shows them: UTC, to the second, as bundles write them.
enum BundleTime {
    static func text(_ date: Date) -> String { BundleContent.timestamp(date) }
}
