// Bounded byte ring of callback records: vendor threads append and return at once, JavaScript drains in batches.
#pragma once
#include <cstdint>
#include <cstring>
#include <mutex>
#include <sys/socket.h>
#include <time.h>
#include <memory>
#include <unistd.h>

// Layout read by src/gateways/ctp/native.ts: header, then RspInfo (if flag), then the callback's struct (if flag).
struct RecordHeader {
  uint32_t size;       // whole record incl. header and padding; 0 marks "wrap to the ring's start"
  uint16_t callback;   // the Spi method's vtable index
  uint8_t flags;       // FLAG_DATA | FLAG_RSP_INFO
  uint8_t isLast;
  int32_t requestId;
  int32_t intArg;      // nReason / nTimeLapse
  int64_t enqueuedNs;  // CLOCK_MONOTONIC, the clock behind process.hrtime in Node
};
static_assert(sizeof(RecordHeader) == 24, "record header layout is shared with native.ts");

constexpr uint8_t FLAG_DATA = 1;
constexpr uint8_t FLAG_RSP_INFO = 2;

inline int64_t monotonicNs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

class RecordQueue {
public:
  // The wake-up is a socket pair: JavaScript watches one end on its event loop; a vendor thread sends one byte
  // on the other when it queues into an empty, armed queue. MSG_DONTWAIT | MSG_NOSIGNAL: it never blocks or
  // raises SIGPIPE, whatever JavaScript is doing.
  // The ring is left uninitialised: its pages cost memory only once records reach them, and an emptied ring
  // starts over at the front, so a quiet feed touches a few kilobytes of it.
  explicit RecordQueue(size_t capacity) : ring_(new uint8_t[capacity]), capacity_(capacity) {
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, wake_) != 0) wake_[0] = wake_[1] = -1;
  }
  ~RecordQueue() {
    if (wake_[1] >= 0) close(wake_[1]);
    if (wake_[0] >= 0 && !handedOver_) close(wake_[0]);  // once handed over, JavaScript's socket closes it
  }

  /** The end JavaScript watches; from now on JavaScript closes it. */
  int wakeFd() { handedOver_ = true; return wake_[0]; }

  /** Called before JavaScript goes idle: returns the records already pending (then it must not sleep). */
  uint64_t arm() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (count_ == 0) armed_ = true;
    return count_;
  }

  // Never blocks beyond the short critical section; a full ring counts a drop instead of waiting.
  void push(uint16_t callback, const void* data, size_t dataSize, const void* rsp, size_t rspSize,
            int32_t requestId, bool isLast, int32_t intArg) {
    RecordHeader h{0, callback, 0, uint8_t(isLast ? 1 : 0), requestId, intArg, monotonicNs()};
    if (data) h.flags |= FLAG_DATA; else dataSize = 0;
    if (rsp) h.flags |= FLAG_RSP_INFO; else rspSize = 0;
    h.size = uint32_t((sizeof(RecordHeader) + rspSize + dataSize + 7) & ~size_t(7));
    bool wake = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      uint8_t* at = reserve(h.size);
      if (!at) { dropped_++; return; }
      std::memcpy(at, &h, sizeof h);
      if (rsp) std::memcpy(at + sizeof h, rsp, rspSize);
      if (data) std::memcpy(at + sizeof h + rspSize, data, dataSize);
      count_++;
      wake = armed_;
      armed_ = false;
    }
    if (wake && wake_[1] >= 0) send(wake_[1], "w", 1, MSG_DONTWAIT | MSG_NOSIGNAL);
  }

  // Copies whole records into `out` until it is full or the ring is empty; returns bytes written.
  size_t drain(uint8_t* out, size_t capacity, int32_t* records) {
    std::lock_guard<std::mutex> lock(mutex_);
    size_t written = 0;
    int32_t n = 0;
    while (count_ > 0) {
      if (capacity_ - head_ < sizeof(uint32_t) || sizeRecordAt(head_) == 0) head_ = 0;
      uint32_t size = sizeRecordAt(head_);
      if (written + size > capacity) break;
      std::memcpy(out + written, ring_.get() + head_, size);
      written += size;
      head_ += size;
      count_--;
      n++;
    }
    if (count_ == 0) head_ = tail_ = 0;  // an empty ring starts over, so large records always fit
    *records = n;
    return written;
  }

  uint64_t dropped() { std::lock_guard<std::mutex> lock(mutex_); return dropped_; }
  uint64_t pending() { std::lock_guard<std::mutex> lock(mutex_); return count_; }

private:
  uint32_t sizeRecordAt(size_t at) const { uint32_t s; std::memcpy(&s, ring_.get() + at, sizeof s); return s; }

  // Returns where `size` bytes fit contiguously, or null when the ring is full.
  uint8_t* reserve(size_t size) {
    size_t cap = capacity_;
    if (count_ == 0) head_ = tail_ = 0;
    if (tail_ >= head_) {
      if (cap - tail_ >= size) return advance(size);
      if (head_ > size) {  // wrap: mark the unused end, continue at the start (strictly below head)
        if (cap - tail_ >= sizeof(uint32_t)) std::memset(ring_.get() + tail_, 0, sizeof(uint32_t));
        tail_ = 0;
        return advance(size);
      }
      return nullptr;
    }
    return head_ - tail_ > size ? advance(size) : nullptr;
  }

  uint8_t* advance(size_t size) { uint8_t* at = ring_.get() + tail_; tail_ += size; return at; }

  std::mutex mutex_;
  std::unique_ptr<uint8_t[]> ring_;
  size_t capacity_;
  size_t head_ = 0, tail_ = 0;
  uint64_t count_ = 0, dropped_ = 0;
  bool armed_ = false;
  bool handedOver_ = false;
  int wake_[2] = {-1, -1};
};
