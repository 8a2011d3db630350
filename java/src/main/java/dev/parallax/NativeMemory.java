package dev.parallax;

import dev.parallax.jni.ParallaxNative;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.unsafe.UnsafeAllocationManager;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Native memory from the engine's allocator ({@code px_memory_alloc}: 64-byte aligned, advised
 * for transparent huge pages when large), for data the Java layer hands to the engine:
 *
 * <ul>
 *   <li>{@link #FACTORY}, the Arrow allocation manager of {@link ArrowBridge#allocator()}, so that
 *       buffers decoded from Arrow IPC bytes (which a table may adopt zero-copy) are written
 *       once, into memory that is cheap to fault in;
 *   <li>{@link Block}, text (CSV, JSON) as UTF-8 bytes in native memory, which the engine reads
 *       in place: no JNI copy of a Java array, and a {@code String} is encoded chunk by chunk
 *       straight into it (no full-size intermediate {@code byte[]}).
 * </ul>
 *
 * <p>Ownership: an allocation manager's memory is freed when Arrow releases its last buffer,
 * possibly on an engine thread; a {@link Block} is freed by {@link Block#close()}.
 *
 * <p>Thread-safety: the factory is thread-safe; a {@link Block} belongs to one call on one
 * thread (its close is idempotent and thread-safe).
 */
final class NativeMemory {
  /** Chars encoded per step when writing a String: small enough to stay in cache. */
  private static final int CHUNK_CHARS = 1 << 18;
  /** Bytes per file read into a direct-buffer view (a view holds at most 2 GiB). */
  private static final int COPY_BYTES = 1 << 30;
  /** Bytes per copy out of a Java array (each copy holds up safepoints, so keep it short). */
  private static final int ARRAY_COPY_BYTES = 1 << 20;

  private NativeMemory() {}

  /** Arrow allocation manager factory over {@code px_memory_alloc} / {@code px_memory_free}. */
  static final AllocationManager.Factory FACTORY = new AllocationManager.Factory() {
    @Override
    public AllocationManager create(BufferAllocator accountingAllocator, long size) {
      return new Manager(accountingAllocator, size);
    }

    @Override
    public ArrowBuf empty() {
      return UnsafeAllocationManager.FACTORY.empty();
    }
  };

  /** Allocates {@code size} bytes; throws {@link EngineException} (out of memory) on failure. */
  static long allocate(long size) {
    long[] out = new long[1];
    NativeBridge.check(ParallaxNative.px_memory_alloc(size, out));
    return out[0];
  }

  static void free(long address, long size) {
    ParallaxNative.px_memory_free(address, size);
  }

  /** One Arrow allocation; freed once, when Arrow releases it. */
  private static final class Manager extends AllocationManager {
    private final long size;
    private final long address;

    Manager(BufferAllocator accountingAllocator, long size) {
      super(accountingAllocator);
      this.address = allocate(size);
      this.size = size;
    }

    @Override
    public long getSize() {
      return size;
    }

    @Override
    protected long memoryAddress() {
      return address;
    }

    @Override
    protected void release0() {
      free(address, size);
    }
  }

  /** Bytes in native memory, owned by this object until {@link #close()}. */
  static final class Block implements AutoCloseable {
    private long address;
    private long capacity;
    private long length;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Block(long capacity) {
      this.capacity = Math.max(capacity, 1);
      this.address = allocate(this.capacity);
    }

    long address() {
      return address;
    }

    long length() {
      return length;
    }

    /** A String's UTF-8 bytes, encoded in cache-sized chunks (surrogate pairs kept whole). */
    static Block utf8(String s) {
      int n = s.length();
      Block b = new Block(n);  // exact for ASCII; grows for wider text
      try {
        for (int pos = 0; pos < n; ) {
          int end = Math.min(n, pos + CHUNK_CHARS);
          if (end < n && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
          }
          b.append(s.substring(pos, end).getBytes(StandardCharsets.UTF_8));
          pos = end;
        }
        return b;
      } catch (RuntimeException | Error e) {
        b.close();
        throw e;
      }
    }

    /** A copy of {@code bytes}. */
    static Block copyOf(byte[] bytes) {
      Block b = new Block(bytes.length);
      b.append(bytes);
      return b;
    }

    /** The contents of the file at {@code path}, read straight into native memory. */
    static Block read(Path path) {
      try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
        long size = ch.size();
        Block b = new Block(size);
        try {
          while (b.length < size) {
            int want = (int) Math.min(COPY_BYTES, size - b.length);
            ByteBuffer view = MemoryUtil.directBuffer(b.address + b.length, want);
            while (view.hasRemaining()) {
              if (ch.read(view, b.length + view.position()) < 0) {
                throw new IOException("file shrank while reading");
              }
            }
            b.length += want;
          }
          return b;
        } catch (IOException | RuntimeException e) {
          b.close();
          throw e;
        }
      } catch (IOException e) {
        throw new InvalidInputException("cannot read " + path + ": " + e.getMessage(), e);
      }
    }

    private void append(byte[] bytes) {
      if (length + bytes.length > capacity) {
        grow(Math.max(length + bytes.length, capacity + capacity / 2));
      }
      for (int off = 0; off < bytes.length; off += ARRAY_COPY_BYTES) {
        int len = Math.min(ARRAY_COPY_BYTES, bytes.length - off);
        MemoryUtil.copyToMemory(bytes, off, address + length + off, len);
      }
      length += bytes.length;
    }

    private void grow(long newCapacity) {
      long p = allocate(newCapacity);
      MemoryUtil.copyMemory(address, p, length);
      free(address, capacity);
      address = p;
      capacity = newCapacity;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        free(address, capacity);
      }
    }
  }
}
