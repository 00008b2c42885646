#include "doc_fixtures.h"

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <Poco/Zip/Compress.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "test_util.h"

namespace coop::testing {
namespace {

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

struct Entry {
  std::string name;
  std::string content;
  bool stored = false;
};

std::string Zip(const std::vector<Entry>& entries) {
  std::ostringstream out(std::ios::binary);
  Poco::Zip::Compress zip(out, true);
  for (const Entry& e : entries) {
    std::istringstream in(e.content, std::ios::binary);
    zip.addFile(in, Poco::DateTime(2024, 1, 1), Poco::Path(e.name, Poco::Path::PATH_UNIX),
                e.stored ? Poco::Zip::ZipCommon::CM_STORE : Poco::Zip::ZipCommon::CM_DEFLATE);
  }
  zip.close();
  return out.str();
}

std::string CoreXml(const std::string& title) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
         "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
         "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
         "<dc:title>" +
         XmlEscape(title) + "</dc:title></cp:coreProperties>";
}

constexpr const char* kDocxTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
    "package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-"
    "officedocument.wordprocessingml.document.main+xml\"/></Types>";

std::string DocxBody(const std::string& paragraphs_xml) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
         "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
         "<w:body>" +
         paragraphs_xml + "</w:body></w:document>";
}

}  // namespace

std::vector<std::string> CorpusParagraphs(const std::string& name, std::size_t count,
                                          std::size_t min_bytes) {
  std::istringstream in(ReadCorpusFile(name));
  std::vector<std::string> out;
  std::string line, para;
  auto flush = [&] {
    if (para.size() >= min_bytes && out.size() < count) out.push_back(para);
    para.clear();
  };
  while (std::getline(in, line)) {
    const auto b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos) {
      flush();
      continue;
    }
    const auto e = line.find_last_not_of(" \t\r");
    if (!para.empty()) para += ' ';
    para += line.substr(b, e - b + 1);
  }
  flush();
  return out;
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out) {
    std::cerr << "cannot write " << path << '\n';
    std::abort();
  }
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string MakeDocx(const std::vector<std::string>& paragraphs, const std::string& title) {
  std::string body;
  for (const std::string& p : paragraphs) {
    body += "<w:p><w:r><w:t xml:space=\"preserve\">" + XmlEscape(p) + "</w:t></w:r></w:p>";
  }
  return Zip({{"[Content_Types].xml", kDocxTypes},
              {"word/document.xml", DocxBody(body)},
              {"docProps/core.xml", CoreXml(title)}});
}

std::string MakeDocxBomb(std::size_t unpacked_bytes) {
  const std::string para = "<w:p><w:r><w:t>Programme de jumelage, Agadir.</w:t></w:r></w:p>";
  std::string body;
  body.reserve(unpacked_bytes + para.size());
  while (body.size() < unpacked_bytes) body += para;
  return Zip({{"[Content_Types].xml", kDocxTypes}, {"word/document.xml", DocxBody(body)}});
}

std::string MakeOdt(const std::vector<std::string>& paragraphs, const std::string& title) {
  std::string body;
  for (const std::string& p : paragraphs) body += "<text:p>" + XmlEscape(p) + "</text:p>";
  const std::string content =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
      "<office:body><office:text>" +
      body + "</office:text></office:body></office:document-content>";
  const std::string meta =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-meta "
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><office:meta><dc:title>" +
      XmlEscape(title) + "</dc:title></office:meta></office:document-meta>";
  return Zip({{.name = "mimetype",
               .content = "application/vnd.oasis.opendocument.text",
               .stored = true},  // ODF packages: the first entry, stored uncompressed
              {"content.xml", content},
              {"meta.xml", meta}});
}

std::string MakePdf(const std::vector<std::string>& pages, const std::string& title,
                    const std::string& work_dir, const std::string& gs_options) {
  std::string text;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) text += '\f';
    text += pages[i];
  }
  const std::string txt = work_dir + "/pdf-source.txt";
  const std::string pdf = work_dir + "/pdf-output.pdf";
  WriteFile(txt, text);
  // enscript reads Latin-1; -B: no page headers, -t: the PostScript %%Title ps2pdf turns into the
  // PDF Title; long lines are wrapped (--word-wrap) so no text is cut off.
  const std::string cmd = "iconv -f UTF-8 -t LATIN1//TRANSLIT '" + txt +
                          "' | enscript -q -B --word-wrap -X latin1 -t '" + title +
                          "' -p - | ps2pdf " + gs_options + " - '" + pdf + "'";
  Poco::ProcessHandle h = Poco::Process::launch("/bin/sh", {"-c", cmd});
  if (h.wait() != 0) return {};
  return ReadFile(pdf);
}

std::string MakeHtml(const std::vector<std::string>& paragraphs, const std::string& title,
                     const std::string& charset) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"" + charset +
                     "\"><title>" + XmlEscape(title) +
                     "</title>\n<style>body { font-family: serif; } .invisiblestyle {}</style>\n"
                     "<script>var invisiblescript = \"<p>scriptword</p>\";</script></head>\n"
                     "<body><nav><a href=\"/\">Accueil</a></nav>\n";
  for (const std::string& p : paragraphs) html += "<p>" + XmlEscape(p) + "</p>\n";
  html += "<!-- commentword --></body></html>\n";
  return html;
}

std::string ToCp1252(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  const int32_t n =
      ucnv_convert("windows-1252", "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                   utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  if (U_FAILURE(status)) std::abort();
  out.resize(static_cast<std::size_t>(n));
  std::replace(out.begin(), out.end(), '\x1A', '?');  // ICU's substitute for unmappable chars
  return out;
}

RunResult RunIndex(const std::vector<std::string>& args) {
  return RunProgram(COOP_INDEX_BIN, args);
}

RunResult RunSearchd(const std::vector<std::string>& args) {
  return RunProgram(COOP_SEARCHD_BIN, args);
}

RunResult RunProgram(const std::string& binary, const std::vector<std::string>& args) {
  Poco::Pipe out, err;
  Poco::ProcessHandle h = Poco::Process::launch(binary, args, nullptr, &out, &err);
  RunResult r;
  std::thread drain([&] {
    Poco::PipeInputStream e(err);
    Poco::StreamCopier::copyToString(e, r.err);
  });
  Poco::PipeInputStream o(out);
  Poco::StreamCopier::copyToString(o, r.out);
  drain.join();
  r.code = h.wait();
  return r;
}

}  // namespace coop::testing
