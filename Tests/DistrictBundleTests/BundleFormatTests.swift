import DistrictBundle
import Foundation
import XCTest

/// The bundle format alone: canonical JSON, signatures, sealing, key files.
final class BundleFormatTests: XCTestCase {
    private func content(school: SchoolSigningKey, district: DistrictPublicKey, sequence: Int64 = 7) -> BundleContent {
        BundleContent(district: district.fingerprint, school: school.fingerprint, period: BundlePeriod(parsing: "2026-autumn")!,
                      first: "2026-09-01", last: "2027-01-22", exportedAt: "2026-12-08T01:05:13Z", sequence: sequence,
                      figures: ["visits.total": .count(42), "visits.reason.study": .fewerThanFive,
                                "referrals.total": .withheld("needs-clinical-key"), "compliance.weeks.met": .count(0)],
                      staffing: .init(accountsByRole: ["counselor": 2, "head": 1], dutyMinutes: 1234))
    }

    func testCanonicalJSONRoundTripsByteForByte() throws {
        let school = SchoolSigningKey(), district = DistrictKeyPair.generate()
        let c = content(school: school, district: district.publicKey)
        let json = c.canonicalJSON()
        let text = String(decoding: json, as: UTF8.self)
        XCTAssertFalse(text.contains(" ") || text.contains("\n"), text)
        XCTAssertTrue(text.contains("\"visits.reason.study\":\"<5\""), text)
        XCTAssertTrue(text.contains("\"visits.total\":42"), text)
        XCTAssertTrue(text.contains("\"referrals.total\":\"needs-clinical-key\""), text)
        XCTAssertTrue(text.hasPrefix("{\"district\":"), "keys sorted: \(text)")
        let back = try BundleContent.parse(canonical: json)
        XCTAssertEqual(back, c)
        XCTAssertEqual(back.canonicalJSON(), json)
    }

    func testNonCanonicalOrForeignJSONIsRefused() throws {
        let school = SchoolSigningKey(), district = DistrictKeyPair.generate()
        let text = String(decoding: content(school: school, district: district.publicKey).canonicalJSON(), as: UTF8.self)
        XCTAssertThrowsError(try BundleContent.parse(canonical: Array(text.replacingOccurrences(of: ",", with: ", ").utf8))) {
            XCTAssertEqual($0 as? DistrictBundleError, .notCanonical)
        }
        XCTAssertThrowsError(try BundleContent.parse(canonical: Array(text.replacingOccurrences(of: "42", with: "-42").utf8)))
        XCTAssertThrowsError(try BundleContent.parse(canonical: Array(text.replacingOccurrences(of: "\"<5\"", with: "\"3\"").utf8)))
        XCTAssertThrowsError(try BundleContent.parse(canonical: Array(text.replacingOccurrences(of: "\"version\":1", with: "\"version\":2").utf8))) {
            XCTAssertEqual($0 as? DistrictBundleError, .unsupportedVersion(2))
        }
    }

    func testSealedBundleOpensForTheDistrictAndVerifiesAgainstTheRegisteredKey() throws {
        let school = SchoolSigningKey(), district = DistrictKeyPair.generate()
        let c = content(school: school, district: district.publicKey)
        let file = try SealedBundle.seal(c, signer: school, to: district.publicKey)
        XCTAssertNil(String(data: file, encoding: .utf8).flatMap { $0.contains("visits.total") ? $0 : nil })
        XCTAssertFalse(file.range(of: Data("visits.total".utf8)) != nil, "the figures travel sealed")
        let opened = try SealedBundle.open(file, with: district)
        XCTAssertEqual(opened.content, c)
        XCTAssertEqual(opened.canonicalJSON, c.canonicalJSON())
        XCTAssertEqual(opened.signer, school.fingerprint)
        XCTAssertNoThrow(try opened.verify(against: school.fingerprint))
        let other = SchoolSigningKey()
        XCTAssertThrowsError(try opened.verify(against: other.fingerprint)) {
            XCTAssertEqual($0 as? DistrictBundleError, .unregisteredSchool(signer: school.fingerprint, registered: other.fingerprint))
        }
    }

    func testEveryChangedByteIsRefused() throws {
        let school = SchoolSigningKey(), district = DistrictKeyPair.generate()
        let file = try SealedBundle.seal(content(school: school, district: district.publicKey), signer: school, to: district.publicKey)
        // Every byte: the header, both boxes, the lengths and the file signature.
        for i in 0..<file.count {
            var changed = file
            changed[i] ^= 0x01
            XCTAssertThrowsError(try SealedBundle.open(changed, with: district), "byte \(i) of \(file.count)")
        }
        XCTAssertThrowsError(try SealedBundle.open(file.dropLast(), with: district)) { XCTAssertEqual($0 as? DistrictBundleError, .notABundle) }
        XCTAssertThrowsError(try SealedBundle.open(Data("a,b,c\n".utf8), with: district)) { XCTAssertEqual($0 as? DistrictBundleError, .notABundle) }
    }

    func testAnotherDistrictsKeyCannotOpenIt() throws {
        let school = SchoolSigningKey(), district = DistrictKeyPair.generate(), other = DistrictKeyPair.generate()
        let file = try SealedBundle.seal(content(school: school, district: district.publicKey), signer: school, to: district.publicKey)
        XCTAssertThrowsError(try SealedBundle.open(file, with: other)) { XCTAssertEqual($0 as? DistrictBundleError, .cannotOpen) }
        // Content naming another district is not sealed at all.
        XCTAssertThrowsError(try SealedBundle.seal(content(school: school, district: other.publicKey), signer: school, to: district.publicKey)) {
            XCTAssertEqual($0 as? DistrictBundleError, .sealedForAnotherDistrict(stated: other.publicKey.fingerprint, ours: district.publicKey.fingerprint))
        }
        XCTAssertThrowsError(try SealedBundle.seal(content(school: SchoolSigningKey(), district: district.publicKey), signer: school,
                                                   to: district.publicKey))
    }

    func testTheSchoolSeesExactlyWhatLeaves() throws {
        let school = SchoolSigningKey(), district = DistrictKeyPair.generate()
        let c = content(school: school, district: district.publicKey)
        let file = try SealedBundle.seal(c, signer: school, to: district.publicKey)
        let shown = try SealedBundle.openAsSchool(file, signer: school)
        XCTAssertEqual(shown.canonicalJSON, try SealedBundle.open(file, with: district).canonicalJSON)
        XCTAssertEqual(shown.content, c)
        XCTAssertThrowsError(try SealedBundle.openAsSchool(file, signer: SchoolSigningKey())) {
            XCTAssertEqual($0 as? DistrictBundleError, .notThisSchools)
        }
        // A district part swapped for another bundle's (same school, same
        // district, other figures): the school's copy no longer matches it.
        var other = c
        other.figures["visits.total"] = .count(43)
        let otherFile = try SealedBundle.seal(other, signer: school, to: district.publicKey)
        let spliced = splice(district: otherFile, school: file, signer: school)
        XCTAssertThrowsError(try SealedBundle.openAsSchool(spliced, signer: school)) {
            XCTAssertEqual($0 as? DistrictBundleError, .schoolCopyDiffers)
        }
    }

    /// `otherFile`'s district part with `file`'s school copy, signed again
    /// by the school's key (so only the comparison can catch it).
    private func splice(district otherFile: Data, school file: Data, signer: SchoolSigningKey) -> Data {
        func fields(_ d: Data) -> [[UInt8]] {
            var out: [[UInt8]] = [], i = 5
            let b = Array(d)
            while i < b.count {
                let n = b[i..<i + 4].reduce(0) { $0 << 8 | Int($1) }
                out.append(Array(b[i + 4..<i + 4 + n])); i += 4 + n
            }
            return out
        }
        func field(_ b: [UInt8]) -> [UInt8] { [UInt8(b.count >> 24), UInt8((b.count >> 16) & 0xff), UInt8((b.count >> 8) & 0xff), UInt8(b.count & 0xff)] + b }
        let signed = Array("XDKB".utf8) + [1] + field(fields(otherFile)[0]) + field(fields(file)[1])
        let sig = signer.sign(field(Array("xindesk-district-bundle-file-v1".utf8)) + field(signed))
        return Data(signed + field(sig))
    }

    func testDistrictKeyFilesAreWrittenOnceAndPrivately() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("district-keys-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/district.key"
        let pair = DistrictKeyPair.generate()
        try pair.write(to: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        XCTAssertEqual(try DistrictKeyPair.load(path).publicKey, pair.publicKey)
        XCTAssertEqual(try DistrictPublicKey.load(path + ".pub"), pair.publicKey)
        XCTAssertThrowsError(try DistrictKeyPair.generate().write(to: path)) {
            XCTAssertEqual($0 as? DistrictBundleError, .keyFileExists(path: path))
        }
        XCTAssertEqual(try DistrictKeyPair.load(path).publicKey, pair.publicKey, "the existing key is untouched")
        // A .pub in the way refuses before the secret is written.
        let second = dir + "/second.key"
        FileManager.default.createFile(atPath: second + ".pub", contents: Data("x".utf8))
        XCTAssertThrowsError(try DistrictKeyPair.generate().write(to: second))
        XCTAssertFalse(FileManager.default.fileExists(atPath: second))
        chmod(path, 0o644)
        XCTAssertThrowsError(try DistrictKeyPair.load(path)) { XCTAssertEqual($0 as? DistrictBundleError, .keyFileTooOpen(path: path, mode: 0o644)) }
        XCTAssertThrowsError(try DistrictPublicKey.load(path)) // a secret file is no public key
    }

    func testFingerprintsReadAloudAndParseBack() {
        let key = SchoolSigningKey()
        let printed = key.fingerprint.description
        XCTAssertEqual(printed.split(separator: "-").count, 10)
        XCTAssertTrue(printed.split(separator: "-").allSatisfy { $0.count == 4 })
        XCTAssertEqual(KeyFingerprint(parsing: printed), key.fingerprint)
        XCTAssertEqual(KeyFingerprint(parsing: printed.uppercased().replacingOccurrences(of: "-", with: " ")), key.fingerprint)
        XCTAssertNil(KeyFingerprint(parsing: String(printed.dropLast())))
        XCTAssertNil(KeyFingerprint(parsing: printed.replacingOccurrences(of: "-", with: "").dropLast() + "g"))
        // The same bytes as another kind of key: another fingerprint.
        XCTAssertNotEqual(KeyFingerprint(of: key.signingPublicKey, kind: .districtSealing), key.fingerprint)
    }

    func testPeriodsParseOnlyAsTerms() {
        XCTAssertEqual(BundlePeriod(parsing: "2026-autumn"), BundlePeriod(year: 2026, season: .autumn))
        XCTAssertEqual(BundlePeriod(parsing: "2027-spring")?.description, "2027-spring")
        for bad in ["2026", "2026-fall", "26-autumn", "2026-Autumn", "2026-autumn-1", "１２３４-spring", "+026-spring"] {
            XCTAssertNil(BundlePeriod(parsing: bad), bad)
        }
        XCTAssertLessThan(BundlePeriod(parsing: "2026-spring")!, BundlePeriod(parsing: "2026-autumn")!)
    }
}
