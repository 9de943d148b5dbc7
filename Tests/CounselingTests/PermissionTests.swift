import Counseling
import XCTest

final class PermissionTests: XCTestCase {
    func testDutyTeacherNeverReadsCaseNotesOrTheArchive() {
        let duty: Set<Role> = [.duty]
        XCTAssertFalse(Permission.allows(duty, .readCaseNoteText))
        XCTAssertFalse(Permission.allows(duty, .readStudentArchive))
        XCTAssertFalse(Permission.allows(duty, .readVisitBrief))
        XCTAssertFalse(Permission.allows(duty, .readKeyAttentionList))
        XCTAssertTrue(Permission.allows(duty, .logVisit))
        XCTAssertTrue(Permission.allows(duty, .checkInOut))
        XCTAssertTrue(Permission.allows(duty, .bookAppointment))
        XCTAssertTrue(Permission.allows(duty, .startCrisisChecklist))
    }

    func testHeadOfGuidanceSeesListsAndComplianceButNoNoteText() {
        let headRoles: Set<Role> = [.head]
        XCTAssertTrue(Permission.allows(headRoles, .readComplianceReport))
        XCTAssertTrue(Permission.allows(headRoles, .readKeyAttentionList))
        XCTAssertTrue(Permission.allows(headRoles, .approveCaseClosing))
        XCTAssertTrue(Permission.allows(headRoles, .editDutyRoster))
        XCTAssertFalse(Permission.allows(headRoles, .readCaseNoteText))
        XCTAssertFalse(Permission.allows(headRoles, .readStudentArchive))
        XCTAssertFalse(Permission.allows(headRoles, .changeWarningLevel))
    }

    func testOnlyCounselorsReadClinicalText() {
        for action in [Action.readCaseNoteText, .readVisitBrief, .readStudentArchive, .exportVisits] {
            XCTAssertEqual(Permission.roles(for: action), [.counselor], action.rawValue)
        }
    }

    func testAdministratorRunsTheSystemWithoutClinicalAccess() {
        let admin: Set<Role> = [.admin]
        XCTAssertTrue(Permission.allows(admin, .importStudents))
        XCTAssertTrue(Permission.allows(admin, .makeBackup))
        XCTAssertTrue(Permission.allows(admin, .manageAccounts))
        XCTAssertFalse(Permission.allows(admin, .readCaseNoteText))
        XCTAssertFalse(Permission.allows(admin, .readKeyAttentionList))
    }

    func testCounselorWhoIsAlsoAdministratorHoldsBothSetsOfRights() {
        let staff = Staff(id: counselor, name: "王老师", roles: [.counselor, .admin])
        XCTAssertTrue(staff.may(.readCaseNoteText))
        XCTAssertTrue(staff.may(.importStudents))
        let counselorOnly = Staff(id: secondCounselor, name: "李老师", roles: [.counselor])
        XCTAssertFalse(counselorOnly.may(.importStudents))
    }

    func testNoRolesMayDoNothing() {
        XCTAssertTrue(Action.allCases.allSatisfy { !Permission.allows([], $0) })
        XCTAssertTrue(Action.allCases.allSatisfy { !Permission.roles(for: $0).isEmpty })
    }

    func testRefusalNamesTheRoleNeededInBothLanguages() {
        let refusal = Permission.refusal(.readCaseNoteText)
        XCTAssertEqual(refusal.zh, "无权阅读个案记录内容，需要以下角色之一：心理教师")
        XCTAssertEqual(refusal.en, "Not allowed to read case-note text; needs one of these roles: counselor")
    }

    func testRolesParseFromWordsAndEncodeInFixedOrder() throws {
        XCTAssertEqual(try Role.parse("德育主任"), .head)
        XCTAssertEqual(try Role.parse("值班教师"), .duty)
        let staff = Staff(id: counselor, name: "王老师", roles: [.admin, .counselor])
        XCTAssertTrue(try roundTrip(staff).json.contains(#""roles":["counselor","admin"]"#))
        XCTAssertEqual(try roundTrip(staff).decoded, staff)
    }
}
