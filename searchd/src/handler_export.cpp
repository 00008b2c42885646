// GET /api/export?format=csv|json&q=&sort=&city=...: every record a search matches (not one page),
// one row per record, for spreadsheets (CSV per RFC 4180, UTF-8 with a byte order mark) or
// programs (JSON). The rows are those of /api/search with the same parameters, in its order,
// and as many as its `total`.
#include <Poco/URI.h>

#include <charconv>
#include <exception>

#include "coop/http.h"
#include "coop/query_parser.h"
#include "coop/search_request.h"
#include "document_json.h"
#include "json_writer.h"
#include "record_json.h"

namespace coop::http {
namespace {

using Status = Poco::Net::HTTPResponse;

// The columns, in order (docs/API.md).
constexpr const char* kColumns[] = {
    "id",        "title",        "kind",         "partners",        "cities",
    "provinces", "regions_2015", "regions_1997", "foreign_regions", "domains",
    "years",     "budgets",      "source",       "pages",           "url"};

struct Row {
  const StoredRecord* record = nullptr;
  std::vector<int> pages;
};

std::string Number(double v) {
  char buf[400];
  // Fixed notation, shortest round trip: 5000000, not 5e+06 (a spreadsheet reads both, a
  // person the first).
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  return std::string(buf, r.ptr);
}

std::string Joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : "; ") + v;
  return out;
}

// "Ville de Montreuil (France, commune)"; the name alone when country and type are unknown.
std::string PartnerText(const StoredPartner& p) {
  std::string details = p.country;
  if (!p.actor_type.empty()) details += (details.empty() ? "" : ", ") + p.actor_type;
  return details.empty() ? p.name : p.name + " (" + details + ")";
}

// "38747 EUR (travaux)" per budget.
std::string BudgetText(const StoredBudget& b) {
  std::string out = Number(b.amount) + " " + b.currency;
  // What follows the amount in the text may start with the punctuation or connector that
  // joined it (", dont Souss Massa Drâa", "& Hérault-Aquitaine"): those marks are dropped.
  std::string_view funds = b.funds;
  while (!funds.empty() &&
         std::string_view(" ,;:.&()/-").find(funds.front()) != std::string_view::npos) {
    funds.remove_prefix(1);
  }
  if (!funds.empty()) out.append(" (").append(funds).append(")");
  return out;
}

// Pages as ranges: {9, 10, 11, 14} -> "9-11, 14".
std::string PagesText(const std::vector<int>& pages) {
  std::string out;
  for (std::size_t i = 0; i < pages.size();) {
    std::size_t j = i;
    while (j + 1 < pages.size() && pages[j + 1] == pages[j] + 1) ++j;
    out += (out.empty() ? "" : ", ") + std::to_string(pages[i]);
    if (j > i) out += "-" + std::to_string(pages[j]);
    i = j + 1;
  }
  return out;
}

std::string YearsText(const std::vector<int>& years) {
  std::string out;
  for (int y : years) out += (out.empty() ? "" : "; ") + std::to_string(y);
  return out;
}

// The cells of a row, in kColumns order.
std::vector<std::string> Cells(const Row& row, const std::string& url) {
  const StoredRecord& r = *row.record;
  std::vector<std::string> partners, budgets;
  for (const StoredPartner& p : r.partners) partners.push_back(PartnerText(p));
  for (const StoredBudget& b : r.budgets) budgets.push_back(BudgetText(b));
  return {r.id,
          r.title,
          r.kind,
          Joined(partners),
          Joined(r.cities),
          Joined(r.provinces),
          Joined(r.regions),
          Joined(r.regions_pre2015),
          Joined(r.foreign_regions),
          Joined(r.domains),
          YearsText(r.years),
          Joined(budgets),
          r.source,
          PagesText(row.pages),
          url};
}

// One CSV field (RFC 4180 section 2): quoted when it holds a comma, a quote or a line break,
// quotes doubled. A text starting with = + - @ (or a tab or CR) is a formula to a spreadsheet
// program: it gets a leading apostrophe (OWASP, "CSV Injection"), which those programs hide.
void AppendCsvField(std::string& out, std::string_view v) {
  std::string cell;
  if (!v.empty() && std::string_view("=+-@\t\r").find(v.front()) != std::string_view::npos) {
    cell = "'";
  }
  cell.append(v);
  if (cell.find_first_of(",\"\r\n") == std::string::npos) {
    out += cell;
    return;
  }
  out.push_back('"');
  for (char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string Csv(const std::vector<Row>& rows, const std::vector<std::string>& urls) {
  std::string out = "\xEF\xBB\xBF";  // the BOM: spreadsheet programs then read UTF-8, not CP1252
  for (std::size_t c = 0; c < std::size(kColumns); ++c) {
    if (c) out.push_back(',');
    out += kColumns[c];
  }
  out += "\r\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::vector<std::string> cells = Cells(rows[i], urls[i]);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c) out.push_back(',');
      AppendCsvField(out, cells[c]);
    }
    out += "\r\n";
  }
  return out;
}

std::string Json(const std::vector<Row>& rows, const std::vector<std::string>& urls,
                 const std::string& query, std::size_t total) {
  JsonWriter w;
  w.StartObject();
  w.Key("query");
  w.String(query);
  w.Key("total");
  w.Uint(total);
  w.Key("records");
  w.StartArray();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const StoredRecord& r = *rows[i].record;
    w.StartObject();
    const std::pair<const char*, const std::string*> head[] = {
        {"id", &r.id}, {"title", &r.title}, {"kind", &r.kind}};
    for (const auto& [key, value] : head) {
      w.Key(key);
      w.String(*value);
    }
    w.Key("partners");
    WritePartners(w, r.partners);
    const std::pair<const char*, const std::vector<std::string>*> lists[] = {
        {"cities", &r.cities},
        {"provinces", &r.provinces},
        {"regions_2015", &r.regions},
        {"regions_1997", &r.regions_pre2015},
        {"foreign_regions", &r.foreign_regions},
        {"domains", &r.domains}};
    for (const auto& [key, values] : lists) {
      w.Key(key);
      WriteStrings(w, *values);
    }
    w.Key("years");
    WriteInts(w, r.years);
    w.Key("budgets");
    WriteBudgets(w, r.budgets);
    w.Key("source");
    w.String(r.source);
    w.Key("pages");
    WriteInts(w, rows[i].pages);
    w.Key("url");
    w.String(urls[i]);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Finish();
}

// The origin the client reached us at, for absolute record URLs: the Host header (with
// X-Forwarded-Proto from a proxy in front, docs/deploy/nginx.conf); empty without a Host.
std::string Origin(const Poco::Net::HTTPServerRequest& req) {
  const std::string host = req.get("Host", "");
  if (host.empty() || host.find_first_of(" \t\r\n/\\\"<>") != std::string::npos) return "";
  const std::string proto = req.get("X-Forwarded-Proto", "") == "https" ? "https" : "http";
  return proto + "://" + host;
}

class ExportHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit ExportHandler(std::shared_ptr<const ServerContext> ctx) : ctx_(std::move(ctx)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    // Every export is costly: it runs the search once per 100 records.
    const CostlySlotOptions slot{.busy_message =
                                     "too many exports and costly searches at once; retry shortly"};
    WithCostlySlot(*ctx_, response, slot, [&] { Export(request, response); });
  }

 private:
  // Runs the search page by page and sends every record as CSV or JSON (or the JSON error).
  void Export(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    std::string body, format;
    std::exception_ptr bad;
    try {
      std::set<std::string> names = SearchParameterNames();
      names.insert("format");
      auto params = QueryParameters(request, names);
      const auto f = params.find("format");
      if (f == params.end() || f->second.size() != 1 ||
          (f->second.front() != "csv" && f->second.front() != "json")) {
        throw QueryError("format must be given once, as csv or json");
      }
      format = f->second.front();
      params.erase("format");
      // Every page of the search: page and size, if given, are the page's and do not apply.
      params.erase("page");
      params.erase("size");
      SearchRequest req = ParseSearchParameters(params);
      req.size = kMaxPageSize;
      Searcher& searcher = ThreadSearcher(*ctx_);
      std::vector<SearchResult> results;
      std::vector<Row> rows;
      std::size_t total = 0;
      for (req.page = 1; req.page <= kMaxPage; ++req.page) {
        results.push_back(searcher.Search(req));
        const SearchResult& r = results.back();
        total = r.total;
        for (const SearchHit& hit : r.hits) rows.push_back({hit.record, {}});
        if (rows.size() >= total || r.hits.empty()) break;
      }
      std::vector<std::string> ids, urls;
      const std::string origin = Origin(request);
      for (const Row& row : rows) {
        ids.push_back(row.record->id);
        std::string id;
        Poco::URI::encode(row.record->id, "!$&'()*+,;=:@/?#[]%\"<>\\^`{|} ", id);
        urls.push_back(origin + "/?record=" + id);
      }
      const std::vector<std::vector<int>> pages = searcher.RecordPages(ids);
      for (std::size_t i = 0; i < rows.size(); ++i) rows[i].pages = pages[i];
      body = format == "csv" ? Csv(rows, urls) : Json(rows, urls, req.q, total);
    } catch (...) {
      bad = std::current_exception();
    }
    if (bad) {  // answered as every handler answers it
      AnswerJsonText(response, [&]() -> std::string { std::rethrow_exception(bad); });
      return;
    }
    response.setStatus(Status::HTTP_OK);
    response.setContentType(format == "csv" ? "text/csv; charset=utf-8; header=present"
                                            : "application/json; charset=utf-8");
    response.set("Content-Disposition",
                 std::string("attachment; filename=\"coopsearch-export.") + format + "\"");
    response.set("Cache-Control", "no-store");
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.send().write(body.data(), static_cast<std::streamsize>(body.size()));
  }

  std::shared_ptr<const ServerContext> ctx_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* MakeExportHandler(std::shared_ptr<const ServerContext> ctx) {
  return new ExportHandler(std::move(ctx));
}

}  // namespace coop::http
