// Index safety: bad input reported by name while the rest is indexed and failed sources keep their
// previous version; a second writer is refused; SIGKILL at several moments leaves the index exactly
// as before; coop-searchd answers every query during updates and sees each commit (how soon is
// measured by bench/visibility.sh, not asserted here).
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <xapian.h>

#include <array>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <regex>
#include <thread>

#include "coop/generations.h"
#include "coop/index_reader.h"
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

// Not a French word and not in the corpus: marks the documents a test adds.
const char* const kMarker = "zqwmarqueur";

std::string TaroudantText(std::size_t paragraphs) {
  std::string text;
  for (const auto& p : testing::CorpusParagraphs(kTaroudant, paragraphs, 40)) text += p + "\n\n";
  return text;
}

Xapian::doccount Matches(const Xapian::Database& db, const std::string& term) {
  return db.get_termfreq(term);
}

TEST(IndexSafetyTest, BadInputIsReportedByNameAndKeepsThePreviousVersion) {
  testing::TempDir dir;
  const std::string corpus = dir.path() + "/corpus", index = dir.path() + "/index";
  fs::create_directories(corpus);
  const std::string text = TaroudantText(6);
  const std::vector<std::string> paras = testing::CorpusParagraphs(kTaroudant, 6, 40);
  const std::string pdf = testing::MakePdf({text}, "Rapport", dir.path());
  ASSERT_FALSE(pdf.empty()) << "enscript/ps2pdf missing: run scripts/install-deps.sh";
  // Version 1: every file valid and about Taroudant.
  const std::map<std::string, std::string> good = {
      {"vide.txt", text},
      {"binaire.txt", text},
      {"tronque.pdf", pdf},
      {"chiffre.pdf", pdf},
      {"bombe.docx", testing::MakeDocx(paras, "Rapport")},
      {"enorme.txt", text},
      {"encodage.txt", text},
      {"charset.html", testing::MakeHtml(paras, "Page")}};
  for (const auto& [name, bytes] : good) testing::WriteFile(corpus + "/" + name, bytes);
  auto r = RunIndex({"update", corpus, "--index", index});
  ASSERT_EQ(r.code, 0) << r.out << r.err;

  // Version 2: every file broken in its own way, plus one good new file.
  std::string big;
  while (big.size() < (3u << 20) / 2) big += text;
  const std::map<std::string, std::pair<std::string, std::string>> bad = {
      {"vide.txt", {"", "empty file"}},
      {"binaire.txt",
       {std::string("\x7F"
                    "ELF\2\1\1\0\0\0",
                    10) +
            pdf,
        "binary file (executable)"}},
      {"tronque.pdf", {pdf.substr(0, pdf.size() / 2), "truncated PDF"}},
      {"chiffre.pdf",
       {testing::MakePdf({text}, "Rapport", dir.path(), "-sOwnerPassword=o -sUserPassword=u"),
        "encrypted PDF (password required)"}},
      {"bombe.docx", {testing::MakeDocxBomb(4u << 20), "zip bomb"}},
      {"enorme.txt", {big, "too large (" + std::to_string(big.size()) + " bytes, limit 1048576)"}},
      {"encodage.txt", {"\xEF\xBB\xBF" + testing::ToCp1252(text), "invalid UTF-8 at byte"}},
      {"charset.html",
       {testing::ToCp1252(testing::MakeHtml(paras, "Page")), "declared charset utf-8"}}};
  for (const auto& [name, b] : bad) testing::WriteFile(corpus + "/" + name, b.first);
  testing::WriteFile(corpus + "/nouveau.txt", std::string(kMarker) + " — " + text);

  r = RunIndex({"update", corpus, "--index", index, "--max-file-mb", "1"});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  for (const auto& [name, b] : bad) {
    const std::string line = "coop-index: failed: " + name + ": ";
    const auto at = r.err.find(line);
    ASSERT_NE(at, std::string::npos) << name << "\n" << r.err;
    EXPECT_NE(r.err.substr(at, r.err.find('\n', at) - at).find(b.second), std::string::npos)
        << name << " should fail with " << b.second << "\n"
        << r.err;
  }
  EXPECT_NE(r.out.find("summary: 1 files"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("8 failed"), std::string::npos) << r.out;

  // The new file is searchable; every broken file still has its version 1.
  Xapian::Database db = OpenIndex(index);
  {  // one passage (and its record, which repeats its passages' words) holds the marker
    Xapian::Enquire passages(db);
    passages.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(kMarker),
                                     Xapian::Query("XKpassage")));
    EXPECT_EQ(passages.get_mset(0, 10).size(), 1u);
  }
  for (const auto& [name, b] : bad) {
    const std::string source = "XS" + name;
    EXPECT_GT(Matches(db, source), 0u) << name << " lost its previous version";
    Xapian::Enquire enquire(db);
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("taroudant"), Xapian::Query(source)));
    EXPECT_GT(enquire.get_mset(0, 10).size(), 0u) << name;
  }
}

// Sizes of the files of the index's current database directory.
std::map<std::string, std::uintmax_t> TableFileSizes(const std::string& index) {
  std::map<std::string, std::uintmax_t> sizes;
  for (const auto& e : fs::directory_iterator(CurrentDatabaseDir(index))) {
    sizes[e.path().filename().string()] = e.file_size();
  }
  return sizes;
}

// A write that fails mid-transaction (here a file size limit, RLIMIT_FSIZE, standing in for a
// full disk: both make Xapian's block write fail) leaves the table files at their sizes before
// the transaction. Without that, a failed update on a full disk kept the blocks it wrote and
// the next small update failed too (issue 21; measured on a 40 MB tmpfs in docs/RELIABILITY.md).
TEST(IndexSafetyTest, FailedWriteLeavesTheTableFilesAsBefore) {
  testing::TempDir dir;
  const std::string corpus = dir.path() + "/corpus", index = dir.path() + "/index";
  fs::create_directories(corpus);
  fs::copy_file(testing::CorpusDir() + "/" + kTaroudant, corpus + "/" + kTaroudant);
  ASSERT_EQ(RunIndex({"build", corpus, "--index", index}).code, 0);
  const auto before = TableFileSizes(index);
  const Xapian::doccount docs = Xapian::Database(index).get_doccount();
  std::uintmax_t largest = 0;
  for (const auto& [name, size] : before) largest = std::max(largest, size);
  // A new report with many distinct words: its postings need far more than the limit allows.
  std::string big;
  for (int i = 0; i < 300000; ++i) big += kMarker + std::to_string(i) + (i % 12 ? " " : ".\n");
  testing::WriteFile(dir.path() + "/big.txt", big);
  const std::string limit_kib = std::to_string(largest / 1024 + 64);
  const testing::RunResult r = testing::RunProgram(
      "/bin/sh", {"-c", "trap '' XFSZ; ulimit -f " + limit_kib + " && exec \"$0\" \"$@\"",
                  COOP_INDEX_BIN, "add", dir.path() + "/big.txt", "--index", index});
  ASSERT_NE(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("DatabaseError"), std::string::npos) << r.err;
  EXPECT_EQ(TableFileSizes(index), before);
  // The index is whole and takes the next update.
  EXPECT_EQ(Xapian::Database(index).get_doccount(), docs);
  testing::WriteFile(dir.path() + "/petit.txt", TaroudantText(2));
  EXPECT_EQ(RunIndex({"add", dir.path() + "/petit.txt", "--index", index}).code, 0);
}

TEST(IndexSafetyTest, SecondWriterGetsAClearLockedMessage) {
  testing::TempDir dir;
  const std::string index = dir.path() + "/index", file = dir.path() + "/a.txt";
  testing::WriteFile(file, TaroudantText(3));
  ASSERT_EQ(RunIndex({"add", file, "--index", index}).code, 0);
  {
    WriterLock other(index);  // what a running coop-index holds
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"add", file, "--index", index},
                                               {"build", dir.path(), "--index", index},
                                               {"remove", "a.txt", "--index", index}}) {
      auto r = RunIndex(args);
      EXPECT_EQ(r.code, 3) << args[0];
      EXPECT_EQ(r.err, "coop-index: index is locked by another writer: " + index + "\n");
    }
    EXPECT_EQ(RunIndex({"stats", "--index", index}).code, 0);  // readers are not blocked
  }
  {
    Xapian::WritableDatabase xapian_writer(index, Xapian::DB_OPEN);  // any other Xapian writer
    auto r = RunIndex({"add", file, "--index", index});
    EXPECT_EQ(r.code, 3);
    EXPECT_NE(r.err.find("index is locked by another writer"), std::string::npos) << r.err;
  }
  EXPECT_EQ(RunIndex({"add", file, "--index", index}).code, 0);
}

// Everything a reader can observe of an index.
struct Snapshot {
  std::string stub;
  Xapian::doccount docs = 0;
  Xapian::doccount marked = 0;
  Xapian::doccount tannerie = 0;
  std::map<std::string, std::string> metadata;
  bool operator==(const Snapshot&) const = default;
};

Snapshot Snap(const std::string& index) {
  Snapshot s;
  s.stub = testing::ReadFile(index);
  Xapian::Database db = OpenIndex(index);
  s.docs = db.get_doccount();
  s.marked = db.get_termfreq(kMarker);
  s.tannerie = db.get_termfreq("tannerie");
  for (auto it = db.metadata_keys_begin(); it != db.metadata_keys_end(); ++it) {
    s.metadata[*it] = db.get_metadata(*it);
  }
  Xapian::Enquire enquire(db);  // fully searchable, not just openable
  enquire.set_query(Xapian::Query("tannerie"));
  EXPECT_EQ(enquire.get_mset(0, 100).size(), s.tannerie);
  return s;
}

// Runs coop-index and SIGKILLs it once it has reported `lines` progress lines. Returns true if
// it was killed, false if it had already finished.
bool KillAfterLines(const std::vector<std::string>& args, int lines) {
  Poco::Pipe out;
  Poco::ProcessHandle h = Poco::Process::launch(COOP_INDEX_BIN, args, nullptr, &out, nullptr);
  Poco::PipeInputStream in(out);
  std::string line;
  int seen = 0;
  while (seen < lines && std::getline(in, line)) ++seen;
  const bool killed = ::kill(h.id(), SIGKILL) == 0 && seen == lines;
  const int code = h.wait();
  return killed && code != 0;
}

TEST(IndexSafetyTest, SigkillAtAnyMomentLeavesTheIndexAsBefore) {
  testing::TempDir dir;
  const std::string index = dir.path() + "/index", batch = dir.path() + "/batch";
  fs::create_directories(batch);
  const std::string ksar = testing::CorpusDir() + "/" + kKsarElKebir;
  ASSERT_EQ(RunIndex({"add", ksar, testing::CorpusDir() + "/" + kTaroudant, "--index", index}).code,
            0);
  // A batch long enough to kill in the middle: slices of the real directory document.
  const std::string repertoire = testing::ReadCorpusFile(kRepertoire);
  constexpr int kFiles = 24;
  for (int i = 0; i < kFiles; ++i) {
    testing::WriteFile(batch + "/lot-" + std::to_string(100 + i) + ".txt",
                       std::string(kMarker) + "\n\n" + repertoire.substr(i * 4000, 4000));
  }
  const Snapshot before = Snap(index);
  ASSERT_EQ(before.marked, 0u);
  ASSERT_GT(before.tannerie, 0u);

  std::vector<std::string> add = {"add"};
  for (int i = 0; i < kFiles; ++i)
    add.push_back(batch + "/lot-" + std::to_string(100 + i) + ".txt");
  add.insert(add.end(), {"--index", index});
  // Mid-transaction kills: add, update and build, early and late.
  const std::vector<std::pair<std::vector<std::string>, int>> runs = {
      {add, 1},
      {add, kFiles / 2},
      {{"update", batch, "--index", index}, 3},
      {{"build", batch, "--index", index}, kFiles / 2},
      {{"build", batch, "--index", index}, kFiles - 1}};
  for (const auto& [args, lines] : runs) {
    ASSERT_TRUE(KillAfterLines(args, lines)) << args[0] << " finished before the kill";
    EXPECT_EQ(Snap(index), before) << args[0] << " killed after " << lines << " lines";
  }
  // Killed at the very end (during or after the commit): exactly before, or exactly after.
  const bool killed = KillAfterLines(add, kFiles);
  const Snapshot end = Snap(index);
  if (killed && end == before) {
    ASSERT_EQ(RunIndex(add).code, 0);  // the lock died with the process
  }
  const Snapshot after = Snap(index);
  EXPECT_TRUE(end == before || end == after);
  EXPECT_GT(after.marked, 0u);
  EXPECT_EQ(after.tannerie, before.tannerie);
  EXPECT_EQ(after.metadata.size(), before.metadata.size() + kFiles);
  // A later build cleans the databases the killed builds left behind.
  ASSERT_EQ(RunIndex({"build", batch, "--index", index}).code, 0);
  std::size_t generations = 0;
  for (const auto& e : fs::directory_iterator(GenerationsDir(index))) {
    generations += e.path().filename().string()[0] == 'g';
  }
  EXPECT_EQ(generations, 2u);  // current and previous
}

// coop-searchd on an index, queried over HTTP from a background thread.
class Daemon {
 public:
  explicit Daemon(const std::string& index) {
    Poco::Pipe out;
    handle_ = std::make_unique<Poco::ProcessHandle>(
        Poco::Process::launch(COOP_SEARCHD_BIN, {"--index", index, "--port", "0", "--threads", "4"},
                              nullptr, &out, nullptr));
    Poco::PipeInputStream lines(out);
    std::string line;
    std::getline(lines, line);
    std::smatch m;
    if (std::regex_search(line, m, std::regex(R"(http://127\.0\.0\.1:(\d+)/)"))) {
      port_ = static_cast<Poco::UInt16>(std::stoi(m[1]));
    }
  }
  ~Daemon() {
    Poco::Process::requestTermination(handle_->id());
    handle_->wait();
  }
  Poco::UInt16 port() const { return port_; }

  // One search: `status` is the HTTP status (0 when the request itself failed, with `error` set)
  // and `total` the total hits of a 200 answer.
  struct Answer {
    int status = 0;
    int total = -1;
    std::string error;
  };
  Answer Search(const std::string& q) const {
    Answer a;
    try {
      Poco::Net::HTTPClientSession session("127.0.0.1", port_);
      Poco::Net::HTTPRequest req("GET", "/api/search?q=" + q, Poco::Net::HTTPMessage::HTTP_1_1);
      session.sendRequest(req);
      Poco::Net::HTTPResponse resp;
      std::string body;
      Poco::StreamCopier::copyToString(session.receiveResponse(resp), body);
      a.status = resp.getStatus();
      if (a.status != 200) {
        a.error = body;
        return a;
      }
      a.total = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>()->getValue<int>(
          "total");
    } catch (const std::exception& e) {
      a.status = 0;
      a.error = e.what();
    }
    return a;
  }

 private:
  std::unique_ptr<Poco::ProcessHandle> handle_;
  Poco::UInt16 port_ = 0;
};

// Polls `q` every 20 ms until `seen(total)` holds for a 200 answer; returns false only when
// kHangGuard passes first. The guard is far above any real delay (a commit is seen at the next
// request): it stops a broken server from hanging the test, it is not a speed bound.
constexpr std::chrono::seconds kHangGuard{60};
template <typename Pred>
bool WaitUntilSeen(const Daemon& daemon, const std::string& q, Pred seen) {
  const auto deadline = std::chrono::steady_clock::now() + kHangGuard;
  while (std::chrono::steady_clock::now() < deadline) {
    const Daemon::Answer a = daemon.Search(q);
    if (a.status == 200 && seen(a.total)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

TEST(IndexSafetyTest, SearchdAnswersEveryQueryDuringUpdatesAndSeesEveryCommit) {
  testing::TempDir dir;
  const std::string index = dir.path() + "/index", corpus = dir.path() + "/corpus";
  fs::create_directories(corpus);
  for (const char* name : {kKsarElKebir, kTaroudant, "manifest.json"}) {
    fs::copy_file(testing::CorpusDir() + "/" + name, corpus + "/" + name);
  }
  ASSERT_EQ(RunIndex({"build", corpus, "--index", index}).code, 0);
  Daemon daemon(index);
  ASSERT_NE(daemon.port(), 0);
  const Daemon::Answer first = daemon.Search("tannerie");
  ASSERT_EQ(first.status, 200) << first.error;
  const int tannerie = first.total;
  ASSERT_GT(tannerie, 0);

  // Two clients query without pause while coop-index commits. Each records the first answer
  // that was not a 200 (or a 200 with a changed "tannerie" total: no update touches it), and
  // after each round publishes the phase it read when the round began, so that the main thread
  // can wait until both clients were served after each commit.
  constexpr int kClients = 2;
  std::atomic<bool> stop{false};
  std::atomic<int> phase{0}, queries{0}, failures{0};
  std::array<std::atomic<int>, kClients> served_phase{};
  std::mutex first_failure_mu;
  std::string first_failure;
  const auto fail = [&](const std::string& what) {
    ++failures;
    std::lock_guard<std::mutex> lock(first_failure_mu);
    if (first_failure.empty()) first_failure = what;
  };
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t) {
    clients.emplace_back([&, t] {
      while (!stop) {
        const int p = phase.load();
        const Daemon::Answer a = daemon.Search("tannerie");
        if (a.status != 200) {
          fail("tannerie: HTTP " + std::to_string(a.status) + " " + a.error);
        } else if (a.total != tannerie) {
          fail("tannerie: total " + std::to_string(a.total));
        }
        const Daemon::Answer b = daemon.Search(std::string(kMarker) + "%20taroudant");
        if (b.status != 200) fail("marker: HTTP " + std::to_string(b.status) + " " + b.error);
        queries += 2;
        served_phase[t] = p;
      }
    });
  }
  // Starts a new phase and waits until every client finished a round begun in it.
  const auto clients_served_after_this_point = [&] {
    const int p = ++phase;
    const auto deadline = std::chrono::steady_clock::now() + kHangGuard;
    const auto all_served = [&] {
      for (const auto& s : served_phase) {
        if (s.load() < p) return false;
      }
      return true;
    };
    while (!all_served() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return all_served();
  };
  ASSERT_TRUE(clients_served_after_this_point()) << "the clients never got an answer";

  const auto one = [](int n) { return n == 1; };
  const auto none = [](int n) { return n == 0; };
  const std::string report = corpus + "/nouveau.txt";
  testing::WriteFile(report, std::string(kMarker) + "\n\n" + TaroudantText(4));
  for (int round = 0; round < 3; ++round) {
    ASSERT_EQ(RunIndex({"add", report, "--index", index}).code, 0);
    EXPECT_TRUE(WaitUntilSeen(daemon, kMarker, one)) << "round " << round << ": never saw the add";
    EXPECT_TRUE(clients_served_after_this_point()) << "round " << round;
    ASSERT_EQ(RunIndex({"remove", "nouveau.txt", "--index", index}).code, 0);
    EXPECT_TRUE(WaitUntilSeen(daemon, kMarker, none))
        << "round " << round << ": never saw the remove";
    EXPECT_TRUE(clients_served_after_this_point()) << "round " << round;
  }
  // A full build switches the stub to a new database: followed too.
  ASSERT_EQ(RunIndex({"build", corpus, "--index", index}).code, 0);
  EXPECT_TRUE(WaitUntilSeen(daemon, kMarker, one)) << "never saw the build";
  EXPECT_TRUE(clients_served_after_this_point());
  fs::remove(report);
  ASSERT_EQ(RunIndex({"update", corpus, "--index", index}).code, 0);
  EXPECT_TRUE(WaitUntilSeen(daemon, kMarker, none)) << "never saw the update's removal";
  EXPECT_TRUE(clients_served_after_this_point());
  stop = true;
  for (auto& c : clients) c.join();
  EXPECT_EQ(failures.load(), 0) << "of " << queries.load() << " queries; first: " << first_failure;
}

}  // namespace
}  // namespace coop
