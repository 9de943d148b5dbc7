/// A platform's own warning level, read through the school's table.
extension ScreeningScoring {
    static func level(_ reader: inout ScreeningCells, table: ScreeningLevelTable) -> ScreeningOutcome? {
        let known = LocalizedText(zh: table.allWords.joined(separator: "、"), en: table.allWords.joined(separator: ", "))
        let advice = LocalizedText(zh: "（其他写法可加到学校设置文件的 [screening_levels]）",
                                   en: " (add other words under [screening_levels] in the school file)")
        guard let text = reader.text("level") else {
            reader.fail("level", LocalizedText(zh: "空白：应写平台的预警等级：" + known.zh + advice.zh,
                                               en: "blank: write the platform's warning level: " + known.en + advice.en))
            return nil
        }
        guard let meaning = table.meaning(of: text) else {
            reader.fail("level", LocalizedText(zh: "不在学校的预警等级对照表中，表中有：" + known.zh + advice.zh,
                                               en: "not in the school's table of warning levels, which has: " + known.en + advice.en))
            return nil
        }
        // The table's own word, not the cell: a reason never repeats what
        // a file wrote.
        let key = WordNormalizer.key(text)
        let word = table.words(meaning).first { WordNormalizer.key($0) == key } ?? meaning.rawValue
        let said: LocalizedText = switch meaning {
        case .urgent: LocalizedText(zh: "预警，紧急", en: "alert, urgent")
        case .alert: LocalizedText(zh: "预警", en: "alert")
        case .attention: LocalizedText(zh: "需关注", en: "attention")
        case .none: LocalizedText(zh: "未见异常", en: "no concern")
        }
        return ScreeningOutcome(scores: [], flag: meaning.flag, urgent: meaning == .urgent, reasons: [
            LocalizedText(zh: "平台预警等级“\(word)”：\(said.zh)", en: "platform warning level \"\(word)\": \(said.en)")])
    }
}
