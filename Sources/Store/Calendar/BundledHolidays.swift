/// The State Council's public holidays and make-up working days, as shipped
/// in `cn-public-holidays.toml` (2025 and 2026). Kept in the binary rather
/// than as a resource file, so an installed `xindesk` never runs without it;
/// `HolidayFileTests` checks it against the data file it came from.
enum BundledHolidays {
    static let text = #"""
# Public holidays and make-up working days (调休) in mainland China, from the State Council
# General Office notices on holiday arrangements (国务院办公厅关于…年部分节假日安排的通知):
# 2025 notice dated 2024-11-12, 2026 notice dated 2025-11-04. A make-up working day is a school
# day even when it falls on a weekend. Schools add their own term dates and breaks on top.

[2025]
holidays = [
  { name = "元旦", en = "New Year's Day", from = 2025-01-01, to = 2025-01-01 },
  { name = "春节", en = "Spring Festival", from = 2025-01-28, to = 2025-02-04 },
  { name = "清明节", en = "Qingming", from = 2025-04-04, to = 2025-04-06 },
  { name = "劳动节", en = "Labour Day", from = 2025-05-01, to = 2025-05-05 },
  { name = "端午节", en = "Dragon Boat Festival", from = 2025-05-31, to = 2025-06-02 },
  { name = "国庆节、中秋节", en = "National Day and Mid-Autumn", from = 2025-10-01, to = 2025-10-08 },
]
makeup_workdays = [2025-01-26, 2025-02-08, 2025-04-27, 2025-09-28, 2025-10-11]

[2026]
holidays = [
  { name = "元旦", en = "New Year's Day", from = 2026-01-01, to = 2026-01-03 },
  { name = "春节", en = "Spring Festival", from = 2026-02-15, to = 2026-02-23 },
  { name = "清明节", en = "Qingming", from = 2026-04-04, to = 2026-04-06 },
  { name = "劳动节", en = "Labour Day", from = 2026-05-01, to = 2026-05-05 },
  { name = "端午节", en = "Dragon Boat Festival", from = 2026-06-19, to = 2026-06-21 },
  { name = "中秋节", en = "Mid-Autumn Festival", from = 2026-09-25, to = 2026-09-27 },
  { name = "国庆节", en = "National Day", from = 2026-10-01, to = 2026-10-07 },
]
makeup_workdays = [2026-01-04, 2026-02-14, 2026-02-28, 2026-05-09, 2026-09-20, 2026-10-10]
"""#
}
