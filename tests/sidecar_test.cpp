// JSON sidecars of reports (issue 15, "Metadata from the user wins"): parsing, the files a corpus
// folder lists, and what an index built and updated with a sidecar holds.
#include "coop/sidecar.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "coop/index_builder.h"
#include "test_util.h"

namespace coop {
namespace {

namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

TEST(Sidecar, ParsesGivenFieldsOnly) {
  const Sidecar s = ParseSidecar(
      R"({"title": "Saint-Omer et Tiznit", "partners": ["Communauté d'agglomération du Pays de )"
      R"(Saint-Omer", {"name": "Commune de Tiznit", "country": "Maroc"}], "years": [2017, 2016, )"
      R"(2017], "comment": "ignored"})",
      "tiznit.txt.json");
  EXPECT_EQ(s.title, "Saint-Omer et Tiznit");
  EXPECT_FALSE(s.publisher);
  EXPECT_FALSE(s.date);
  ASSERT_TRUE(s.partners);
  ASSERT_EQ(s.partners->size(), 2u);
  EXPECT_EQ((*s.partners)[0].name, "Communauté d'agglomération du Pays de Saint-Omer");
  EXPECT_EQ((*s.partners)[0].country, "");
  EXPECT_EQ((*s.partners)[1].country, "Maroc");
  EXPECT_EQ(s.years, (std::vector<int>{2016, 2017}));
}

TEST(Sidecar, ErrorsNameTheFileAndTheField) {
  const struct {
    const char* json;
    const char* message;
  } cases[] = {
      {R"({"title": 3})", "r.txt.json: field 'title': expected a string"},
      {R"({"years": [2017, "2018"]})", "r.txt.json: field 'years': element 1 is not an integer"},
      {R"({"years": [17]})", "r.txt.json: field 'years': 17 is not in 1900..2100"},
      {R"({"years": 2017})", "r.txt.json: field 'years': expected an array"},
      {R"({"partners": [{"country": "Maroc"}]})",
       "r.txt.json: field 'partners': element 0 has no name"},
      {R"({"partners": [12]})",
       "r.txt.json: field 'partners': element 0 is neither a name nor an object"},
      {R"([1, 2])", "r.txt.json: not a JSON object"},
  };
  for (const auto& c : cases) {
    try {
      ParseSidecar(c.json, "r.txt.json");
      ADD_FAILURE() << "no error for " << c.json;
    } catch (const SidecarError& e) {
      EXPECT_EQ(std::string(e.what()), c.message);
    }
  }
  EXPECT_THROW(ParseSidecar("{\"title\": ", "r.txt.json"), SidecarError);
}

TEST(Sidecar, IsMetadataOfTheReportBesideIt) {
  const Strings names = {"a.pdf", "a.pdf.json", "b.json", "c.txt"};
  EXPECT_TRUE(IsSidecarOf("a.pdf.json", names));
  EXPECT_FALSE(IsSidecarOf("b.json", names));  // no report "b": a file of its own
  EXPECT_FALSE(IsSidecarOf("c.txt", names));
  EXPECT_EQ(SidecarPathOf("/x/a.pdf"), "/x/a.pdf.json");
}

void Write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

constexpr char kReport[] =
    "Info locale\n\nUne délégation de Tiznit a visité l'Audomarois la semaine dernière. Les "
    "jeunes des centres sociaux préparent un échange.\n";

TEST(Sidecar, GivenFieldsWinAndTheSidecarIsNoReport) {
  testing::TempDir corpus;
  const std::string report = (fs::path(corpus.path()) / "radio.txt").string();
  Write(report, kReport);
  Write(report + ".json",
        R"({"title": "Saint-Omer et Tiznit", "partners": [{"name": "Ville de Saint-Omer", )"
        R"("country": "France"}, {"name": "Commune de Tiznit", "country": "Maroc"}], )"
        R"("years": [2017]})");
  EXPECT_EQ(ListSourceFiles(corpus.path()), Strings{"radio.txt"});
  const std::vector<Record> records = ReadRecords(report, Manifest{});
  ASSERT_EQ(records.size(), 1u);
  const Record& r = records[0];
  EXPECT_EQ(r.title, "Saint-Omer et Tiznit");
  EXPECT_EQ(r.kind, "partnership");
  Strings partners;
  for (const Partner& p : r.partners) partners.push_back(p.name + "|" + p.role);
  EXPECT_EQ(partners, (Strings{"Ville de Saint-Omer|partner", "Commune de Tiznit|partner"}));
  EXPECT_EQ(r.cities, (Strings{"Saint-Omer", "Tiznit"}));  // Saint-Omer through its cue
  EXPECT_EQ(r.years, (std::vector<int>{2017}));
  EXPECT_EQ(r.sources.at("years"), "sidecar");
  EXPECT_EQ(r.sources.at("partners"), "sidecar");
}

TEST(Sidecar, AChangedSidecarIsAChangeOfItsReportAndABadOneIsReported) {
  testing::TempDir corpus, index;
  const std::string report = (fs::path(corpus.path()) / "radio.txt").string();
  const std::string data = (fs::path(index.path()) / "index").string();
  Write(report, kReport);
  Write(report + ".json", R"({"years": [2017]})");
  IndexReport built = BuildIndex(corpus.path(), data, {});
  EXPECT_EQ(built.files, 1u);  // the sidecar is not a source
  EXPECT_TRUE(built.errors.empty());
  EXPECT_EQ(ReadIndexStats(data).files, 1u);
  IndexReport same = UpdateIndex(corpus.path(), data, {});
  EXPECT_EQ(same.files, 0u);
  EXPECT_EQ(same.unchanged, 1u);
  Write(report + ".json", R"({"years": [2016]})");
  IndexReport changed = UpdateIndex(corpus.path(), data, {});
  EXPECT_EQ(changed.files, 1u);
  EXPECT_EQ(changed.unchanged, 0u);
  // A malformed sidecar: an error naming it and its field, and the report indexed without it.
  Write(report + ".json", R"({"years": ["soon"]})");
  IndexReport bad = UpdateIndex(corpus.path(), data, {});
  EXPECT_EQ(bad.files, 1u);
  EXPECT_EQ(bad.errors, Strings{"radio.txt.json: field 'years': element 0 is not an integer"});
  EXPECT_EQ(ReadIndexStats(data).files, 1u);
}

}  // namespace
}  // namespace coop
