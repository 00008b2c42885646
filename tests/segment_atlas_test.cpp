// Structural style detection (issue 15, "the same style, a new file"): the atlas project pages of
// tests/data/new_reports/ segment into their partnership record whatever the file is called and
// with no manifest entry; a renamed copy of a shipped document segments like the original; a text
// that only borrows a label or two of the atlas stays a plain document.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "coop/corpus.h"
#include "coop/segmenter.h"
#include "corpus_files.h"
#include "test_util.h"

namespace coop {
namespace {

namespace fs = std::filesystem;

std::string NewReport(const std::string& name) {
  return testing::ReadCorpusFile(
      (fs::path("..") / "tests" / "data" / "new_reports" / name).string());
}

std::vector<std::string> PartnerLines(const Record& r) {
  std::vector<std::string> out;
  for (const Partner& p : r.partners)
    out.push_back(p.name + " | " + p.actor_type + " | " + p.country);
  return out;
}

struct AtlasCase {
  std::string file;
  std::string title;
  std::vector<std::string> partners;  // "name | type | country"
  std::vector<int> years;
  std::string domains_text;
};

TEST(SegmentAtlas, ProjectPagesGiveTheirPartnershipRecord) {
  const std::vector<AtlasCase> cases = {
      {"atlas-cncd_projet_montereau-safi.txt",
       "Jumelage Montereau-Fault-Yonne – Safi : échanges scolaires, sportifs et solidarité "
       "hospitalière",
       {"Commune de Montereau-Fault-Yonne | commune | France",
        "Commune urbaine de Safi | commune urbaine | Maroc"},
       {2005, 2007},
       "Éducation ; Culture ; Sport ; Santé ; Développement économique"},
      {"atlas_fiche_herault-souss-massa-draa.txt",
       "Gestion de l'eau et décentralisation : appui à la maîtrise d'ouvrage du Conseil régional "
       "du Souss-Massa-Drâa",
       {"Conseil général de l'Hérault | conseil général | France",
        "Conseil régional du Souss-Massa-Drâa | conseil régional | Maroc"},
       {2003},
       "Appui institutionnel ; Eau et assainissement ; Environnement ; Développement rural"},
  };
  for (const AtlasCase& c : cases) {
    SCOPED_TRACE(c.file);
    const std::string text = NewReport(c.file);
    const std::vector<Record> records = SegmentDocument(DefaultSourceInfo(c.file, text), text);
    ASSERT_EQ(records.size(), 1u);
    const Record& r = records[0];
    EXPECT_EQ(r.style, "atlas");
    EXPECT_EQ(r.kind, "partnership");
    EXPECT_EQ(r.title, c.title);
    EXPECT_EQ(PartnerLines(r), c.partners);
    EXPECT_EQ(r.years, c.years);
    EXPECT_EQ(r.domains_text, c.domains_text);
    EXPECT_EQ(r.countries, (std::vector<std::string>{"France", "Maroc"}));
    EXPECT_EQ(r.sources.at("partners"), "segmenter:atlas");
  }
}

TEST(SegmentAtlas, BorrowedLabelsAreNotAnAtlasPage) {
  // Written for this test: a town page with a "Titre" and a "Contexte" but no partner field.
  const std::string text =
      "Titre : Notre jumelage\n\nContexte :\nLa ville de Lille et Oujda sont jumelées depuis "
      "1999.\n\nHistorique :\nUne délégation est venue en 2001.\n";
  const std::vector<Record> records = SegmentDocument(DefaultSourceInfo("page.txt", text), text);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].style, "text");
  EXPECT_EQ(records[0].kind, "document");
}

TEST(SegmentAtlas, RenamedShippedDocumentsSegmentAsTheOriginal) {
  // No manifest entry and another name: the style comes from the structure alone.
  for (const char* file : {testing::kRepertoire, testing::kBelgianCic}) {
    SCOPED_TRACE(file);
    const std::string text = testing::ReadCorpusFile(file);
    const auto original = SegmentDocument(DefaultSourceInfo(file, text), text);
    const auto renamed = SegmentDocument(DefaultSourceInfo("rapport.txt", text), text);
    ASSERT_EQ(renamed.size(), original.size());
    ASSERT_GT(original.size(), 1u);
    for (std::size_t i = 0; i < original.size(); ++i) {
      EXPECT_EQ(renamed[i].style, original[i].style);
      EXPECT_EQ(renamed[i].kind, original[i].kind);
      EXPECT_EQ(renamed[i].title, original[i].title);
      EXPECT_EQ(PartnerLines(renamed[i]), PartnerLines(original[i]));
      EXPECT_EQ(renamed[i].years, original[i].years);
    }
  }
}

}  // namespace
}  // namespace coop
