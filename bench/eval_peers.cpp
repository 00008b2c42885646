#include "eval_peers.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace coop::bench {
namespace {

std::string SqlString(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// PostgreSQL COPY text format escapes.
std::string CopyField(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  return out;
}

bool HasWordChar(const std::string& s) {
  for (unsigned char c : s) {
    if (std::isalnum(c) || c >= 0x80) return true;
  }
  return false;
}

struct Mean {
  double ndcg = 0, recall = 0, mrr = 0;
  int n = 0;
  void Add(const Scores& s) { ndcg += s.ndcg10, recall += s.recall10, mrr += s.mrr, ++n; }
};

}  // namespace

std::map<std::string, std::vector<std::string>> LoadRun(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read");
  std::map<std::string, std::map<int, std::string>> ranked;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    for (char& c : line) c = c == '|' ? '\t' : c;
    std::istringstream fields(line);
    std::string qid, rank, id;
    if (!std::getline(fields, qid, '\t') || !std::getline(fields, rank, '\t') ||
        !std::getline(fields, id, '\t') || rank.empty() ||
        rank.find_first_not_of("0123456789") != std::string::npos) {
      throw std::runtime_error(path + ":" + std::to_string(n) + ": not qid<TAB>rank<TAB>id");
    }
    ranked[qid][std::stoi(rank)] = id;
  }
  std::map<std::string, std::vector<std::string>> run;
  for (auto& [qid, list] : ranked) {
    for (auto& [rank, id] : list) run[qid].push_back(id);
  }
  return run;
}

std::string MetricsTable(const std::vector<EvalQuery>& queries, const Runs& runs) {
  std::vector<std::string> kinds;
  for (const EvalQuery& q : queries) {
    if (std::find(kinds.begin(), kinds.end(), q.kind) == kinds.end()) kinds.push_back(q.kind);
  }
  kinds.push_back("all");
  std::map<std::string, std::map<std::string, Mean>> means;  // kind -> system -> mean
  for (const auto& [system, run] : runs) {
    for (const EvalQuery& q : queries) {
      const auto it = run.find(q.id);
      const Scores s = Score(it == run.end() ? std::vector<std::string>{} : it->second, q.grades);
      means[q.kind][system].Add(s);
      means["all"][system].Add(s);
    }
  }
  std::ostringstream md;
  md << "| kind (queries) |";
  for (const auto& [system, run] : runs) md << ' ' << system << " |";
  md << "\n|---|";
  for (std::size_t i = 0; i < runs.size(); ++i) md << "---|";
  md << '\n' << std::fixed << std::setprecision(2);
  for (const std::string& kind : kinds) {
    auto& row = means[kind];
    double best = -1;
    for (auto& [system, m] : row) best = std::max(best, m.ndcg / std::max(m.n, 1));
    md << "| " << kind << " (" << (row.empty() ? 0 : row.begin()->second.n) << ") |";
    for (const auto& [system, run] : runs) {
      const Mean& m = row[system];
      const double n = std::max(m.n, 1);
      const bool top = m.ndcg / n >= best - 1e-9;
      md << ' ' << (top ? "**" : "") << m.ndcg / n << (top ? "**" : "") << " / " << m.recall / n
         << " / " << m.mrr / n << " |";
    }
    md << '\n';
  }
  return md.str();
}

std::string PerQueryTsv(const std::vector<EvalQuery>& queries, const Runs& runs) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(4);
  for (const auto& [system, run] : runs) {
    for (const EvalQuery& q : queries) {
      const auto it = run.find(q.id);
      const Scores s = Score(it == run.end() ? std::vector<std::string>{} : it->second, q.grades);
      out << system << '\t' << q.id << '\t' << q.kind << '\t' << s.ndcg10 << '\t' << s.recall10
          << '\t' << s.mrr << '\n';
    }
  }
  return out.str();
}

std::string LossTable(const std::vector<EvalQuery>& queries, const Runs& runs,
                      const std::string& system, std::size_t rows) {
  const auto ours = runs.find(system);
  if (ours == runs.end() || runs.size() < 2) return "";
  struct Loss {
    const EvalQuery* query;
    double ndcg, best;
    std::string peer;
    std::vector<std::string> missed;  // judged records in the peer's top 10, not in ours
  };
  const auto ranking = [](const std::map<std::string, std::vector<std::string>>& run,
                          const std::string& qid) {
    const auto it = run.find(qid);
    return it == run.end() ? std::vector<std::string>{} : it->second;
  };
  std::vector<Loss> losses;
  for (const EvalQuery& q : queries) {
    const std::vector<std::string> mine = ranking(ours->second, q.id);
    Loss l{&q, Score(mine, q.grades).ndcg10, -1, "", {}};
    for (const auto& [name, run] : runs) {
      if (name == system) continue;
      const double s = Score(ranking(run, q.id), q.grades).ndcg10;
      if (s > l.best) l.best = s, l.peer = name;
    }
    if (l.best <= l.ndcg + 1e-9) continue;
    const std::vector<std::string> theirs = ranking(runs.at(l.peer), q.id);
    const std::size_t top = std::min<std::size_t>(10, mine.size());
    for (std::size_t i = 0; i < theirs.size() && i < 10; ++i) {
      const auto g = q.grades.find(theirs[i]);
      if (g == q.grades.end()) continue;
      if (std::find(mine.begin(), mine.begin() + static_cast<std::ptrdiff_t>(top), theirs[i]) ==
          mine.begin() + static_cast<std::ptrdiff_t>(top)) {
        l.missed.push_back(theirs[i] + " (" + std::to_string(g->second) + ")");
      }
    }
    losses.push_back(std::move(l));
  }
  std::stable_sort(losses.begin(), losses.end(),
                   [](const Loss& a, const Loss& b) { return a.best - a.ndcg > b.best - b.ndcg; });
  std::ostringstream md;
  md << "| query | kind | text | " << system
     << " | best peer | peer | loss | judged in the peer's top 10, not in " << system
     << "'s (grade) |\n|---|---|---|---:|---|---:|---:|---|\n"
     << std::fixed << std::setprecision(2);
  for (std::size_t i = 0; i < losses.size() && i < rows; ++i) {
    const Loss& l = losses[i];
    std::string missed;
    for (const std::string& m : l.missed) missed += (missed.empty() ? "" : ", ") + m;
    md << "| " << l.query->id << " | " << l.query->kind << " | " << l.query->q << " | " << l.ndcg
       << " | " << l.peer << " | " << l.best << " | " << l.best - l.ndcg << " | "
       << (missed.empty() ? "— (same records, in a worse order)" : missed) << " |\n";
  }
  if (losses.empty()) md << "| — | | no query where a peer scores higher | | | | | |\n";
  return md.str();
}

std::string Fts5Match(const std::string& q, const std::string& op) {
  std::vector<std::string> parts;
  std::string cur;
  bool quoted = false;
  auto flush = [&] {
    if (HasWordChar(cur)) parts.push_back("\"" + cur + "\"");
    cur.clear();
  };
  for (char c : q) {
    if (c == '"') {
      flush();
      quoted = !quoted;
    } else if (!quoted && std::isspace(static_cast<unsigned char>(c))) {
      flush();
    } else {
      cur += c;
    }
  }
  flush();
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : op) + p;
  return out;
}

std::string QueryTableSql(const std::vector<EvalQuery>& queries, const std::string& system) {
  if (system != "pg" && system != "sqlite") throw std::invalid_argument("--system pg|sqlite");
  std::ostringstream sql;
  sql << "DROP TABLE IF EXISTS bench_queries;\n"
         "CREATE TABLE bench_queries (i integer PRIMARY KEY, qid text, q text, a text, o text);\n"
         "BEGIN;\n";
  int i = 0;
  for (const EvalQuery& q : queries) {
    sql << "INSERT INTO bench_queries VALUES (" << ++i << ", " << SqlString(q.id) << ", "
        << SqlString(q.q) << ", " << SqlString(Fts5Match(q.q, " ")) << ", "
        << SqlString(Fts5Match(q.q, " OR ")) << ");\n";
  }
  sql << "COMMIT;\n";
  return sql.str();
}

int ExportRecords(std::istream& in, const std::string& format, const std::string& out) {
  if (format != "pg" && format != "sqlite" && format != "files") {
    throw std::invalid_argument("--format pg|sqlite|files");
  }
  if (format == "files") std::filesystem::create_directories(out);
  if (format == "sqlite") std::cout << "BEGIN;\n";
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    Poco::JSON::Object::Ptr r;
    try {
      r = Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& e) {
      throw std::runtime_error("stdin:" + std::to_string(n) + ": " + e.displayText());
    }
    const std::string id = r->getValue<std::string>("id");
    const std::string title = r->getValue<std::string>("title");
    std::string body;
    if (const auto partners = r->getArray("partners")) {
      for (std::size_t i = 0; i < partners->size(); ++i) {
        body += partners->getObject(static_cast<unsigned>(i))->getValue<std::string>("name") + "\n";
      }
    }
    const auto passages = r->getArray("passages");
    if (!passages)
      throw std::runtime_error("stdin:" + std::to_string(n) + ": no passages (--passages)");
    for (std::size_t i = 0; i < passages->size(); ++i) {
      body += "\n" + passages->getObject(static_cast<unsigned>(i))->getValue<std::string>("text");
    }
    if (format == "pg") {
      std::cout << CopyField(id) << '\t' << CopyField(title) << '\t' << CopyField(body) << '\n';
    } else if (format == "sqlite") {
      std::cout << "INSERT INTO records(id, title, body) VALUES (" << SqlString(id) << ", "
                << SqlString(title) << ", " << SqlString(body) << ");\n";
    } else {
      std::ofstream f(out + "/" + id + ".txt");
      if (!(f << title << "\n\n" << body << '\n')) throw std::runtime_error(out + ": cannot write");
    }
  }
  if (format == "sqlite") std::cout << "COMMIT;\n";
  return 0;
}

}  // namespace coop::bench
