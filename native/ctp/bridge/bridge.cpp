// libvnctpbridge: loads a CTP API library at run time, queues every Spi callback, forwards requests from koffi.
#include <dlfcn.h>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>

#include "ctp_api.h"
#include "bridge_tables.h"
#include "record_queue.h"

namespace {

enum Kind { TRADER = 0, MD = 1 };

const char* const FACTORY[] = {
  "_ZN19CThostFtdcTraderApi19CreateFtdcTraderApiEPKcb",
  "_ZN15CThostFtdcMdApi15CreateFtdcMdApiEPKcbbb",
};
const char* const VERSION[] = {
  "_ZN19CThostFtdcTraderApi13GetApiVersionEv",
  "_ZN15CThostFtdcMdApi13GetApiVersionEv",
};

// The push every generated override calls: copy into the queue and return (no JavaScript on vendor threads).
template <typename SpiBase>
class QueueingSpi : public SpiBase {
public:
  explicit QueueingSpi(RecordQueue& queue) : queue_(queue) {}
protected:
  void push(int callback, const void* data, size_t size, const CThostFtdcRspInfoField* rsp, int req, bool last, int arg) {
    queue_.push(uint16_t(callback), data, size, rsp, sizeof(CThostFtdcRspInfoField), req, last, arg);
  }
private:
  RecordQueue& queue_;
};

class QueueingTraderSpi final : public QueueingSpi<CThostFtdcTraderSpi> {
public:
  using QueueingSpi::QueueingSpi;
  VNCTP_TRADER_SPI_OVERRIDES
};

class QueueingMdSpi final : public QueueingSpi<CThostFtdcMdSpi> {
public:
  using QueueingSpi::QueueingSpi;
  VNCTP_MD_SPI_OVERRIDES
};

struct Session {
  Kind kind;
  RecordQueue queue;
  CThostFtdcTraderApi* trader = nullptr;
  CThostFtdcMdApi* md = nullptr;
  QueueingTraderSpi* traderSpi = nullptr;
  QueueingMdSpi* mdSpi = nullptr;
  const char* (*version)() = nullptr;
  Session(Kind k, size_t capacity) : kind(k), queue(capacity) {}
};

// Every CTP flavour exports the same symbols, so two flavours in one process would bind to whichever came first
// (the classic error 4097). One library path per kind, for the life of the process; libraries are never unloaded.
std::mutex loadMutex;
std::map<int, std::pair<std::string, void*>> loaded;

void fail(char* err, int errLen, const std::string& message) {
  if (err && errLen > 0) std::snprintf(err, size_t(errLen), "%s", message.c_str());
}

void* loadLibrary(Kind kind, const char* path, char* err, int errLen) {
  char resolved[PATH_MAX];
  if (!realpath(path, resolved)) { fail(err, errLen, std::string("file not found: ") + path); return nullptr; }
  std::lock_guard<std::mutex> lock(loadMutex);
  auto it = loaded.find(kind);
  if (it != loaded.end()) {
    if (it->second.first == resolved) return it->second.second;
    fail(err, errLen, "FLAVOUR_CONFLICT:" + it->second.first);
    return nullptr;
  }
  void* lib = dlopen(resolved, RTLD_NOW | RTLD_LOCAL);
  if (!lib) { const char* e = dlerror(); fail(err, errLen, std::string("dlopen failed: ") + (e ? e : "?")); return nullptr; }
  loaded[kind] = {resolved, lib};
  return lib;
}

template <typename T>
T symbol(void* lib, const char* name, char* err, int errLen) {
  void* s = dlsym(lib, name);
  if (!s) fail(err, errLen, std::string("symbol missing (not a CTP v6.x library?): ") + name);
  return reinterpret_cast<T>(s);
}

Session* asSession(void* handle) { return static_cast<Session*>(handle); }

}  // namespace

extern "C" {

// Loads the library (once per process), creates the Api with a queueing Spi; null plus `err` on failure.
void* vnctp_open(int kind, const char* libPath, const char* flowPath, int production, int queueBytes, char* err, int errLen) {
  Kind k = kind == MD ? MD : TRADER;
  void* lib = loadLibrary(k, libPath, err, errLen);
  if (!lib) return nullptr;
  auto version = symbol<const char* (*)()>(lib, VERSION[k], err, errLen);
  if (!version) return nullptr;
  auto* s = new Session(k, size_t(queueBytes > 0 ? queueBytes : 32 << 20));
  s->version = version;
  if (k == TRADER) {
    auto create = symbol<CThostFtdcTraderApi* (*)(const char*, bool)>(lib, FACTORY[k], err, errLen);
    if (create) s->trader = create(flowPath, production != 0);
    if (s->trader) { s->traderSpi = new QueueingTraderSpi(s->queue); s->trader->RegisterSpi(s->traderSpi); }
  } else {
    auto create = symbol<CThostFtdcMdApi* (*)(const char*, bool, bool, bool)>(lib, FACTORY[k], err, errLen);
    if (create) s->md = create(flowPath, false, false, production != 0);
    if (s->md) { s->mdSpi = new QueueingMdSpi(s->queue); s->md->RegisterSpi(s->mdSpi); }
  }
  if (!s->trader && !s->md) { delete s; if (err && !*err) fail(err, errLen, "the factory returned no Api"); return nullptr; }
  return s;
}

const char* vnctp_api_version(void* h) { return asSession(h)->version(); }

const char* vnctp_trading_day(void* h) {
  Session* s = asSession(h);
  return s->trader ? s->trader->GetTradingDay() : s->md->GetTradingDay();
}

void vnctp_register_front(void* h, const char* address) {
  Session* s = asSession(h);
  std::string copy(address);  // the SDK declares char*, not const char*
  if (s->trader) s->trader->RegisterFront(&copy[0]); else s->md->RegisterFront(&copy[0]);
}

void vnctp_subscribe_topics(void* h, int privateResume, int publicResume) {
  Session* s = asSession(h);
  if (!s->trader) return;
  s->trader->SubscribePrivateTopic(THOST_TE_RESUME_TYPE(privateResume));
  s->trader->SubscribePublicTopic(THOST_TE_RESUME_TYPE(publicResume));
}

void vnctp_init(void* h) {
  Session* s = asSession(h);
  if (s->trader) s->trader->Init(); else s->md->Init();
}

// `method` is the Req* method's vtable index; `field` points at a struct laid out as the facts say.
int vnctp_request(void* h, int method, void* field, int requestId) {
  Session* s = asSession(h);
  return s->trader ? vnctpDispatchTrader(s->trader, method, field, requestId)
                   : vnctpDispatchMd(s->md, method, field, requestId);
}

int vnctp_market_data(void* h, int subscribe, const char** ids, int count) {
  Session* s = asSession(h);
  if (!s->md) return -100;
  char** mutableIds = const_cast<char**>(ids);  // the SDK's signature is char*[]; it only reads them
  return subscribe ? s->md->SubscribeMarketData(mutableIds, count) : s->md->UnSubscribeMarketData(mutableIds, count);
}

int vnctp_drain(void* h, uint8_t* out, int capacity, int32_t* records) {
  return int(asSession(h)->queue.drain(out, size_t(capacity), records));
}

int vnctp_wake_fd(void* h) { return asSession(h)->queue.wakeFd(); }
double vnctp_arm(void* h) { return double(asSession(h)->queue.arm()); }

double vnctp_dropped(void* h) { return double(asSession(h)->queue.dropped()); }
double vnctp_pending(void* h) { return double(asSession(h)->queue.pending()); }
double vnctp_now_ns() { return double(monotonicNs()); }

// Stops the Api's threads first, so no callback can reach the Spi we then delete.
void vnctp_close(void* h) {
  Session* s = asSession(h);
  if (s->trader) { s->trader->RegisterSpi(nullptr); s->trader->Release(); }
  if (s->md) { s->md->RegisterSpi(nullptr); s->md->Release(); }
  delete s->traderSpi;
  delete s->mdSpi;
  delete s;
}

}  // extern "C"
