// Where long passages are cut (issue 7): a cut inside a multi-byte character once made stored
// record JSON unreadable on the scaled corpora (docs/bench/profile.md), and a cut inside a word
// would break that word for search and snippets. Passages must be valid UTF-8 and, where a
// paragraph is cut in two, the cut must follow a space or a line end.
#include <gtest/gtest.h>

#include <string>

#include "coop/corpus.h"
#include "coop/index_builder.h"
#include "coop/segmenter.h"
#include "coop/utf8.h"
#include "test_util.h"

namespace coop {
namespace {

// Where a cut between two touching passages must lie.
enum class Cut {
  kBetweenWords,  // after whitespace (text with spaces)
  kOnCodePoints,  // on a code point boundary (a run without any space)
};

// Checks every passage of `passages` (slices of `text`): valid UTF-8, and each cut between two
// touching passages where `cut` says (always at least on a code point boundary). Returns the
// number of such cuts.
int CheckCuts(std::string_view text, const std::vector<Passage>& passages, Cut cut,
              const std::string& where) {
  int cuts = 0;
  for (std::size_t i = 0; i < passages.size(); ++i) {
    const Passage& p = passages[i];
    EXPECT_TRUE(IsValidUtf8(p.text)) << where << " " << p.id;
    EXPECT_TRUE(IsValidUtf8(p.heading)) << where << " " << p.id;
    if (i + 1 == passages.size() || passages[i + 1].begin != p.end) continue;
    ++cuts;
    const char before = text[p.end - 1], after = text[p.end];
    EXPECT_NE(static_cast<unsigned char>(after) & 0xC0, 0x80) << where << " " << p.id;
    if (cut == Cut::kBetweenWords) {
      EXPECT_TRUE(before == ' ' || before == '\n' || after == '\n')
          << where << " " << p.id << " cut inside a word: ..." << text.substr(p.end - 20, 20) << "|"
          << text.substr(p.end, 20);
    }
  }
  return cuts;
}

TEST(PassageCuts, RealCorpusPassagesAreCutBetweenWords) {
  const Manifest manifest = LoadManifest(testing::CorpusDir() + "/manifest.json");
  int cuts = 0;
  for (const std::string& file : ListSourceFiles(testing::CorpusDir())) {
    const std::string text = testing::ReadCorpusFile(file);
    for (const Record& r : SegmentDocument(*manifest.Find(file), text)) {
      EXPECT_TRUE(IsValidUtf8(r.title)) << r.id;
      cuts += CheckCuts(text, r.passages, Cut::kBetweenWords, r.id);
    }
  }
  EXPECT_GT(cuts, 10);  // the corpus has long paragraphs: the cut rule is exercised
}

// Long paragraphs dense in multi-byte characters, cut by both passage builders: every byte
// count lands inside some character, so only a boundary-aware cut keeps the text valid.
TEST(PassageCuts, MultiByteTextIsNeverCutInsideACharacter) {
  std::string words;  // "l’élève’" etc.: 2- and 3-byte characters around every space
  while (words.size() < 5000)
    words += "l\xE2\x80\x99\xC3\xA9l\xC3\xA8ve d\xE2\x80\x99\xC3\xA9t\xC3\xA9 ";
  // No space at all: the cut falls back to a byte count. 11-byte units ("’’’é"), so that byte
  // counts of 1 200 from the paragraph start land inside a character.
  std::string solid;
  while (solid.size() < 5000) solid += "\xE2\x80\x99\xE2\x80\x99\xE2\x80\x99\xC3\xA9";
  for (const std::string& para : {words, solid}) {
    const Cut cut = para.find(' ') != std::string::npos ? Cut::kBetweenWords : Cut::kOnCodePoints;
    const std::string text = "Titre\n\n" + para + "\n\nFin.\n";
    EXPECT_GT(CheckCuts(text, SplitPassages(text, "t"), cut, "SplitPassages"), 3);
    const std::vector<seg::Heading> headings = {{0, 1, "Titre"}};
    EXPECT_GT(CheckCuts(text, seg::BuildPassages(text, 0, text.size(), headings, "t"), cut,
                        "BuildPassages"),
              3);
  }
}

}  // namespace
}  // namespace coop
