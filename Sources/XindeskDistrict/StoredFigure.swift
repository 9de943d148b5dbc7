import Counseling
import DistrictBundle

/// A bundle's figure as the district stores it: the school's own canonical
/// text of a statistics figure (`7`, `under-5`, `needs-clinical-key`), so
/// `Figure(canonical:)` of the Counseling module reads it back and the
/// report shows it exactly as the school's statistics document does.
enum StoredFigure {
    static func canonical(_ figure: BundleFigure) -> String {
        switch figure {
        case .count(let n): Figure.count(n).canonical
        case .fewerThanFive: Figure.fewerThanFive.canonical
        // Checked by the bundle's parser: `needs-` lower-case letters `-key`.
        case .withheld(let name): name
        }
    }
}
