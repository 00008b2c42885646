// SegmentDocument: tries each document style (coop/segmenter.h), else one document record.
#include "coop/corpus.h"
#include "coop/segmenter.h"

namespace coop {

std::vector<Record> SegmentDocument(const SourceInfo& info, std::string_view text) {
  const auto styled = [](std::vector<Record> records, const char* style) {
    for (Record& r : records) r.style = style;
    return records;
  };
  if (auto records = seg::SegmentRepertoire(info, text); !records.empty()) {
    return styled(std::move(records), "repertoire");
  }
  if (auto records = seg::SegmentProgramme(info, text); !records.empty()) {
    return styled(std::move(records), "programme");
  }
  if (auto records = seg::SegmentAtlas(info, text); !records.empty()) {
    return styled(std::move(records), "atlas");
  }
  // No recognised structure: one document record of paragraph passages.
  Record r = seg::MakeRecord(info, 0, 0, text.size());
  r.partners = info.actors;
  r.budgets = seg::ExtractBudgets(text);
  r.passages = SplitPassages(text, r.id);
  std::vector<Record> out;
  if (!r.passages.empty()) out.push_back(std::move(r));
  return out;
}

}  // namespace coop
