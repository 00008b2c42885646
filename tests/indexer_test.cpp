// coop-index end to end: round trips add -> search -> update -> search -> remove -> search on
// reports in every format generated from real corpus text, builds switched in atomically,
// inspect, stats, help and usage errors, the spelling dictionary.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <optional>
#include <set>
#include <sstream>

#include "coop/generations.h"
#include "coop/index_metadata.h"
#include "coop/schema.h"
#include "coop/searcher.h"
#include "corpus_files.h"
#include "doc_fixtures.h"
#include "test_util.h"

namespace coop {
namespace {

namespace fs = std::filesystem;
using testing::kKsarElKebir;
using testing::kRepertoire;
using testing::kTaroudant;
using testing::RunIndex;

// One version of every report: the same real paragraphs in five formats.
struct Version {
  std::vector<std::string> paras;  // all contain or surround `word`
  std::string word;                // a word only this version has
};

Version V1() {
  Version v{{}, "Taroudant"};
  for (const auto& p : testing::CorpusParagraphs(kTaroudant, 200, 40)) {
    if (v.paras.size() < 5) v.paras.push_back(p);
  }
  return v;
}

Version V2() {
  Version v{{}, "tannerie"};
  for (const auto& p : testing::CorpusParagraphs(kKsarElKebir, 1000, 40)) {
    if (p.find("tannerie") != std::string::npos) v.paras.push_back(p);
  }
  return v;
}

const std::vector<std::string> kReports = {"giz.docx", "ville.odt", "ministere.pdf", "annuaire.txt",
                                           "page.html"};

// Writes the five reports of `v` into `dir`. The PDF has a first page without the version's
// word, so hits on it must cite page 2.
void WriteReports(const std::string& dir, const Version& v) {
  std::string text;
  for (const auto& p : v.paras) text += p + "\n\n";
  testing::WriteFile(dir + "/giz.docx", testing::MakeDocx(v.paras, "Rapport GIZ"));
  testing::WriteFile(dir + "/ville.odt", testing::MakeOdt(v.paras, "Rapport de la ville"));
  testing::TempDir work;
  const std::string pdf = testing::MakePdf({"Sommaire\n\nIntroduction au rapport annuel.", text},
                                           "Rapport", work.path());
  ASSERT_FALSE(pdf.empty()) << "enscript/ps2pdf missing: run scripts/install-deps.sh";
  testing::WriteFile(dir + "/ministere.pdf", pdf);
  testing::WriteFile(dir + "/annuaire.txt", testing::ToCp1252(text));
  testing::WriteFile(dir + "/page.html", testing::MakeHtml(v.paras, "Page web"));
}

class IndexerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(reports_);
    fs::create_directories(dir_.path() + "/data");
  }

  // A hit copied out of its result: its record's fields and its passage.
  struct Hit {
    StoredRecord record;
    std::optional<HitPassage> passage;
  };

  // Sources of the hits for `q` (all of them), searched the way coop-searchd does.
  // `hit_of`, if given, receives the hit of that source.
  std::set<std::string> Sources(Searcher& searcher, const std::string& q,
                                const std::string& hit_of = "", std::optional<Hit>* hit = nullptr) {
    SearchRequest req;
    req.q = q;
    req.size = 100;
    const SearchResult out = searcher.Search(req);
    std::set<std::string> sources;
    for (const SearchHit& h : out.hits) {
      sources.insert(h.record->source);
      if (hit && sources.count(hit_of) && !*hit) *hit = Hit{*h.record, h.passage};
    }
    return sources;
  }

  testing::TempDir dir_;
  const std::string reports_ = dir_.path() + "/reports";
  const std::string index_ = dir_.path() + "/data/index";
};

TEST_F(IndexerTest, RoundTripEveryFormatAddUpdateRemove) {
  const Version v1 = V1(), v2 = V2();
  ASSERT_EQ(v1.paras.size(), 5u);
  ASSERT_GE(v2.paras.size(), 2u);
  WriteReports(reports_, v1);
  std::vector<std::string> add = {"add"};
  for (const auto& r : kReports) add.push_back(reports_ + "/" + r);
  add.insert(add.end(), {"--index", index_});
  auto r = RunIndex(add);
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("summary: 5 files"), std::string::npos) << r.out;

  Searcher searcher(index_);
  const std::set<std::string> all(kReports.begin(), kReports.end());
  EXPECT_EQ(Sources(searcher, v1.word), all);
  EXPECT_TRUE(Sources(searcher, v2.word).empty());

  // Update: every report rewritten with other text, reprocessed by content hash.
  WriteReports(reports_, v2);
  r = RunIndex({"update", reports_, "--index", index_});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("summary: 5 files"), std::string::npos) << r.out;
  EXPECT_TRUE(Sources(searcher, v1.word).empty());  // the same Searcher sees the commit
  EXPECT_EQ(Sources(searcher, v2.word), all);
  // The PDF hit cites the page its passage is on.
  std::optional<Hit> hit;
  EXPECT_EQ(Sources(searcher, v2.word, "ministere.pdf", &hit), all);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->record.source, "ministere.pdf");
  ASSERT_TRUE(hit->passage);
  EXPECT_EQ(hit->passage->page, 2);

  std::vector<std::string> remove = {"remove"};
  remove.insert(remove.end(), kReports.begin(), kReports.end());
  remove.insert(remove.end(), {"--index", index_});
  r = RunIndex(remove);
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("5 removed"), std::string::npos) << r.out;
  EXPECT_TRUE(Sources(searcher, v2.word).empty());
  EXPECT_EQ(Xapian::Database(index_).get_doccount(), 0u);
}

TEST_F(IndexerTest, UpdateSkipsUnchangedRemovesDeletedAndFollowsTheManifest) {
  WriteReports(reports_, V1());
  auto r = RunIndex({"update", reports_, "--index", index_});  // creates the index
  ASSERT_EQ(r.code, 0) << r.err;
  r = RunIndex({"update", reports_, "--index", index_});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("summary: 0 files, 0 records, 0 passages"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("5 unchanged, 0 removed, 0 failed"), std::string::npos) << r.out;

  fs::remove(reports_ + "/page.html");
  testing::WriteFile(reports_ + "/annuaire.txt", "Annuaire des communes partenaires.\n");
  testing::WriteFile(reports_ + "/manifest.json",
                     R"({"documents": [{"file": "giz.docx", "title": "Titre du manifeste"}]})");
  r = RunIndex({"update", reports_, "--index", index_});
  ASSERT_EQ(r.code, 0) << r.err;
  // annuaire.txt changed, giz.docx's manifest entry appeared; page.html is gone.
  EXPECT_NE(r.out.find("summary: 2 files"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 unchanged, 1 removed, 0 failed"), std::string::npos) << r.out;
  r = RunIndex({"inspect", "--index", index_, "giz.docx"});
  ASSERT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("\"title\":\"Titre du manifeste\""), std::string::npos) << r.out;
  r = RunIndex({"stats", "--index", index_});
  EXPECT_NE(r.out.find("files: 4\n"), std::string::npos) << r.out;
}

TEST_F(IndexerTest, BuildSwitchesGenerationsAndKeepsFailedSourcesPreviousVersion) {
  WriteReports(reports_, V1());
  auto r = RunIndex({"build", reports_, "--index", index_});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string g1 = CurrentGeneration(index_);
  EXPECT_EQ(g1, "g000001");
  Searcher searcher(index_);
  EXPECT_EQ(Sources(searcher, "Taroudant").size(), 5u);

  WriteReports(reports_, V2());
  testing::WriteFile(reports_ + "/ministere.pdf",  // truncated: fails, keeps its V1 version
                     testing::ReadFile(reports_ + "/ministere.pdf").substr(0, 2000));
  r = RunIndex({"build", reports_, "--index", index_});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("failed: ministere.pdf: truncated PDF"), std::string::npos) << r.err;
  EXPECT_EQ(CurrentGeneration(index_), "g000002");
  EXPECT_TRUE(fs::exists(index_ + ".d/g000001"));  // readers may still be on it
  // The Searcher opened on g000001 follows the stub to g000002 at its next search.
  EXPECT_EQ(Sources(searcher, "Taroudant"), std::set<std::string>{"ministere.pdf"});
  EXPECT_EQ(Sources(searcher, "tannerie").size(), 4u);

  r = RunIndex({"build", reports_, "--index", index_});
  EXPECT_EQ(CurrentGeneration(index_), "g000003");
  EXPECT_FALSE(fs::exists(index_ + ".d/g000001"));
  EXPECT_TRUE(fs::exists(index_ + ".d/g000002"));
  EXPECT_EQ(Sources(searcher, "Taroudant"), std::set<std::string>{"ministere.pdf"});
}

TEST_F(IndexerTest, AnIndexOfAnotherFormatIsRefusedUntilRebuilt) {
  WriteReports(reports_, V1());
  auto r = RunIndex({"build", reports_, "--index", index_});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(FormatOf(Xapian::Database(CurrentDatabaseDir(index_))), kFormatVersion);
  {  // as if written by an older coop-index (format 1 had no format key)
    Xapian::WritableDatabase db(CurrentDatabaseDir(index_), Xapian::DB_OPEN);
    db.set_metadata(std::string(kFormatKey), "");
    db.commit();
  }
  try {
    Searcher searcher(index_);
    ADD_FAILURE() << "a format-1 index was opened";
  } catch (const IndexFormatError& e) {
    EXPECT_EQ(std::string(e.what()), "index " + index_ + " has format 1, this build reads format " +
                                         std::to_string(kFormatVersion) +
                                         ": rebuild it with coop-index build CORPUS --index " +
                                         index_);
  }
  r = testing::RunSearchd({"--index", index_, "--port", "0"});  // refuses to start
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("has format 1, this build reads format"), std::string::npos) << r.err;
  r = RunIndex({"update", reports_, "--index", index_});  // never written into
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("rebuild it with coop-index build"), std::string::npos) << r.err;
  // A build replaces it; a source that fails is not copied from an index of another format.
  testing::WriteFile(reports_ + "/ministere.pdf",
                     testing::ReadFile(reports_ + "/ministere.pdf").substr(0, 2000));
  r = RunIndex({"build", reports_, "--index", index_});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  Searcher searcher(index_);
  EXPECT_EQ(Sources(searcher, "Taroudant"),
            (std::set<std::string>{"annuaire.txt", "giz.docx", "page.html", "ville.odt"}));
  WriteReports(reports_, V1());
  r = RunIndex({"build", reports_, "--index", index_});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Sources(searcher, "Taroudant").size(), 5u);
}

TEST_F(IndexerTest, InspectPrintsOneJsonRecordPerLine) {
  auto r = RunIndex({"inspect", testing::CorpusDir()});
  ASSERT_EQ(r.code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::set<std::string> sources, titles;
  std::size_t n = 0;
  while (std::getline(lines, line)) {
    auto json = Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
    sources.insert(json->getValue<std::string>("source"));
    titles.insert(json->getValue<std::string>("title"));
    EXPECT_FALSE(json->getValue<std::string>("id").empty());
    ++n;
  }
  EXPECT_EQ(sources.size(), 5u);
  EXPECT_TRUE(titles.count("Expériences de coopération — Commune urbaine de Ksar El Kebir"));

  // The same records, as stored by a build, with their passages.
  r = RunIndex({"build", testing::CorpusDir(), "--index", index_});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("summary: 5 files, " + std::to_string(n) + " records"), std::string::npos)
      << r.out;
  r = RunIndex({"inspect", "--index", index_, kTaroudant, "--passages"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto first = Poco::JSON::Parser()
                   .parse(r.out.substr(0, r.out.find('\n')))
                   .extract<Poco::JSON::Object::Ptr>();
  EXPECT_EQ(first->getValue<std::string>("source"), kTaroudant);
  EXPECT_GT(first->getArray("passages")->size(), 0u);
  EXPECT_EQ(RunIndex({"inspect", "--index", index_, "nope.txt"}).code, 1);
}

TEST_F(IndexerTest, StatsAndSummaryReportEveryFigure) {
  auto r = RunIndex({"build", testing::CorpusDir(), "--index", index_});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* part : {"summary: 5 files, ", " records, ", " passages, ", " terms, ", " MB in ",
                           " s (", " MB/s); 0 unchanged, 0 removed, 0 failed"}) {
    EXPECT_NE(r.out.find(part), std::string::npos) << part << "\n" << r.out;
  }
  // Not a terminal: one plain line per file.
  EXPECT_NE(r.out.find(std::string("indexed ") + kRepertoire + ": text, "), std::string::npos)
      << r.out;
  r = RunIndex({"stats", "--index", index_});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* part : {"generation g000001", "files: 5\n", "records: ", "passages: ", "terms: ",
                           " distinct (", "size: ", " MB\n"}) {
    EXPECT_NE(r.out.find(part), std::string::npos) << part << "\n" << r.out;
  }
}

TEST_F(IndexerTest, HelpOnEveryCommandAndUsageErrorsExitTwo) {
  for (const char* cmd : {"build", "add", "update", "remove", "inspect", "stats"}) {
    auto r = RunIndex({cmd, "--help"});
    EXPECT_EQ(r.code, 0) << cmd;
    EXPECT_EQ(r.out.rfind(std::string("usage: coop-index ") + cmd, 0), 0u) << cmd << r.out;
  }
  EXPECT_EQ(RunIndex({"--help"}).code, 0);
  EXPECT_EQ(RunIndex({}).code, 2);
  EXPECT_EQ(RunIndex({"build", "--index", index_}).code, 2);
  EXPECT_EQ(RunIndex({"build", testing::CorpusDir()}).code, 2);
  EXPECT_EQ(RunIndex({"frobnicate", "--index", index_}).code, 2);
  EXPECT_EQ(RunIndex({"add", "x", "--index", index_, "--max-file-mb", "lots"}).code, 2);
  auto r = RunIndex({"remove", "--index", index_});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("usage: coop-index remove"), std::string::npos) << r.err;
  EXPECT_EQ(RunIndex({"stats", "--index", index_}).code, 3);  // no index there
}

TEST_F(IndexerTest, SpellingDictionaryFollowsTheIndex) {
  WriteReports(reports_, V1());
  ASSERT_EQ(RunIndex({"add", reports_ + "/giz.docx", "--index", index_}).code, 0);
  EXPECT_EQ(Xapian::Database(index_).get_spelling_suggestion("taroudnt"), "taroudant");
  ASSERT_EQ(RunIndex({"remove", "giz.docx", "--index", index_}).code, 0);
  EXPECT_EQ(Xapian::Database(index_).get_spelling_suggestion("taroudnt"), "");
}

// Checks schema::kPassageDocidBase on the index at `path`: records below it, passages from it on,
// and every passage's record present. Returns the number of records.
std::size_t CheckDocidLayout(const std::string& path) {
  const Xapian::Database db(path);
  std::set<std::string> records;
  for (auto it = db.postlist_begin("XKrecord"); it != db.postlist_end("XKrecord"); ++it) {
    EXPECT_LT(*it, schema::kPassageDocidBase);
    records.insert(db.get_document(*it).get_value(schema::kSlotRecordId));
  }
  for (auto it = db.postlist_begin("XKpassage"); it != db.postlist_end("XKpassage"); ++it) {
    EXPECT_GE(*it, schema::kPassageDocidBase);
    EXPECT_TRUE(records.count(db.get_document(*it).get_value(schema::kSlotRecordId))) << *it;
  }
  EXPECT_EQ(db.get_termfreq("XKrecord") + db.get_termfreq("XKpassage"), db.get_doccount());
  return records.size();
}

TEST_F(IndexerTest, RecordDocidsStayBelowPassageDocidsThroughEveryCommand) {
  WriteReports(reports_, V1());
  ASSERT_EQ(RunIndex({"build", reports_, "--index", index_}).code, 0);
  const std::size_t n = CheckDocidLayout(index_);
  EXPECT_GE(n, 5u);
  WriteReports(reports_, V2());  // update replaces every source: new docids after the old ones
  ASSERT_EQ(RunIndex({"update", reports_, "--index", index_}).code, 0);
  EXPECT_GE(CheckDocidLayout(index_), 5u);
  ASSERT_EQ(RunIndex({"remove", "giz.docx", "--index", index_}).code, 0);
  const std::size_t after_remove = CheckDocidLayout(index_);
  ASSERT_EQ(RunIndex({"add", reports_ + "/giz.docx", "--index", index_}).code, 0);
  EXPECT_GT(CheckDocidLayout(index_), after_remove);
  // A failed file's previous version is copied into the new generation at new docids.
  testing::WriteFile(reports_ + "/ministere.pdf",
                     testing::ReadFile(reports_ + "/ministere.pdf").substr(0, 2000));
  ASSERT_EQ(RunIndex({"build", reports_, "--index", index_}).code, 1);
  EXPECT_GE(CheckDocidLayout(index_), 5u);
  Searcher searcher(index_);
  EXPECT_EQ(Sources(searcher, "tannerie").size(), 5u);
}

TEST_F(IndexerTest, SourcesWhoseRecordIdsCollideAreRefused) {
  WriteReports(reports_, V1());
  ASSERT_EQ(RunIndex({"add", reports_ + "/giz.docx", "--index", index_}).code, 0);
  fs::copy_file(reports_ + "/page.html", reports_ + "/giz.html");
  auto r = RunIndex({"add", reports_ + "/giz.html", "--index", index_});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("giz.html: record id giz-r0 is already used by source giz.docx"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace coop
