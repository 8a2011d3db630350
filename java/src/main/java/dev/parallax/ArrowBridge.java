package dev.parallax;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.arrow.adapter.jdbc.ArrowVectorIterator;
import org.apache.arrow.adapter.jdbc.JdbcToArrow;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfig;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfigBuilder;
import org.apache.arrow.adapter.jdbc.JdbcToArrowUtils;
import org.apache.arrow.c.ArrowArray;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.CDataDictionaryProvider;
import org.apache.arrow.c.Data;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Arrow Java on either side of the C Data Interface: decoding IPC bytes and JDBC result sets
 * into streams the engine imports, exporting roots, and importing a view's window zero-copy.
 *
 * <p>Ownership: the engine may keep imported buffers alive after the call returns and release
 * them from any thread, so everything handed over is allocated from one process-wide allocator
 * that is never closed. C structs are allocated, used for one call and freed here; whatever the
 * engine did not release is released before the struct is freed.
 *
 * <p>Thread-safety: stateless apart from the shared allocator, which is thread-safe.
 */
final class ArrowBridge {
  private static final byte[] FILE_MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};
  private static final int JDBC_BATCH_ROWS = 65536;

  /**
   * Body decompression for every IPC reader here (LZ4_FRAME through commons-compress; ZSTD would
   * need zstd-jni, which is not shipped). Stateless and thread-safe.
   */
  static final CompressionCodec.Factory CODECS = CommonsCompressionFactory.INSTANCE;

  /**
   * Lazily created, never closed: buffers exported to the engine may outlive any call. Its
   * memory comes from the engine's allocator (see {@link NativeMemory#FACTORY}).
   */
  private static final class Holder {
    static final BufferAllocator ROOT = new RootAllocator(
        RootAllocator.configBuilder().allocationManagerFactory(NativeMemory.FACTORY).build());
  }

  private ArrowBridge() {}

  static BufferAllocator allocator() {
    return Holder.ROOT;
  }

  /** A native call that takes the address of an {@code ArrowArrayStream}. */
  @FunctionalInterface
  interface StreamCall {
    int apply(long streamAddress);
  }

  /** A native call that takes the addresses of an {@code ArrowSchema} and an {@code ArrowArray}. */
  @FunctionalInterface
  interface BatchCall {
    int apply(long schemaAddress, long arrayAddress);
  }

  /** Whether {@code bytes} start with the Arrow IPC file magic {@code ARROW1}. */
  static boolean isIpcFile(byte[] bytes) {
    if (bytes.length < FILE_MAGIC.length) {
      return false;
    }
    for (int i = 0; i < FILE_MAGIC.length; i++) {
      if (bytes[i] != FILE_MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * A reader over Arrow IPC bytes (file or stream format), with its schema already read so that
   * malformed bytes fail here. Each batch buffer gets its own native allocation (see
   * {@link IpcReader}).
   *
   * @throws ParseException when the bytes are not Arrow IPC
   */
  static ArrowReader openIpc(byte[] bytes) {
    return open(new IpcReader(IpcReader.of(bytes), isIpcFile(bytes), allocator()), "");
  }

  /**
   * A reader over the Arrow IPC file or stream at {@code path}, read with positional reads
   * straight into native buffers (no Java array holds the file).
   *
   * @throws ParseException when the file is not Arrow IPC
   * @throws InvalidInputException when it cannot be read
   */
  static ArrowReader openIpc(Path path) {
    IpcReader.Source source;
    byte[] head;
    try {
      source = IpcReader.of(FileChannel.open(path, StandardOpenOption.READ));
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + path + ": " + e.getMessage(), e);
    }
    try {
      ByteBuffer b = ByteBuffer.allocate((int) Math.min(FILE_MAGIC.length, source.size()));
      source.read(0, b);
      head = b.array();
    } catch (IOException | RuntimeException e) {
      closeQuietly(source);
      throw new InvalidInputException("cannot read " + path + ": " + e.getMessage(), e);
    }
    return open(new IpcReader(source, isIpcFile(head), allocator()), " in " + path);
  }

  private static ArrowReader open(IpcReader reader, String where) {
    try {
      reader.getVectorSchemaRoot();
      return reader;
    } catch (IOException | RuntimeException e) {
      closeQuietly(reader);
      throw new ParseException("Invalid Arrow IPC data" + where + ": " + e.getMessage(), e);
    }
  }

  /**
   * Hands {@code reader} to {@code call} as an {@code ArrowArrayStream}. The stream owns the
   * reader from then on and closes it when the engine releases the stream.
   */
  static int withStream(ArrowReader reader, StreamCall call) {
    BufferAllocator a = allocator();
    try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(a)) {
      try {
        Data.exportArrayStream(a, reader, stream);
      } catch (RuntimeException e) {
        closeQuietly(reader);
        throw e;
      }
      try {
        return call.apply(stream.memoryAddress());
      } finally {
        if (stream.snapshot().release != 0) {
          stream.release();
        }
      }
    }
  }

  /**
   * Hands {@code root} (one record batch, no dictionary vectors) to {@code call}. The export
   * retains the root's buffers in the root's own allocator (Arrow requires it) until the engine
   * releases them.
   */
  static int withBatch(VectorSchemaRoot root, BatchCall call) {
    BufferAllocator a = root.getFieldVectors().isEmpty() ? allocator() : root.getVector(0).getAllocator();
    try (ArrowSchema schema = ArrowSchema.allocateNew(a); ArrowArray array = ArrowArray.allocateNew(a)) {
      try {
        Data.exportVectorSchemaRoot(a, root, null, array, schema);
      } catch (RuntimeException e) {
        throw new InvalidInputException("cannot export the VectorSchemaRoot: " + e.getMessage(), e);
      }
      try {
        return call.apply(schema.memoryAddress(), array.memoryAddress());
      } finally {
        if (array.snapshot().release != 0) {
          array.release();
        }
        if (schema.snapshot().release != 0) {
          schema.release();
        }
      }
    }
  }

  /**
   * Imports the batch {@code call} exports into a new root allocated from {@code allocator}.
   * The buffers stay the engine's (zero-copy) until the root is closed; dictionaries go to
   * {@code dictionaries}, which the caller owns.
   */
  static VectorSchemaRoot importBatch(BufferAllocator allocator, CDataDictionaryProvider dictionaries, BatchCall call) {
    // Arrow's importer takes over and closes both structs; closing them again is a no-op.
    try (ArrowSchema schema = ArrowSchema.allocateNew(allocator); ArrowArray array = ArrowArray.allocateNew(allocator)) {
      NativeBridge.check(call.apply(schema.memoryAddress(), array.memoryAddress()));
      // Not Data.importVectorSchemaRoot: it moves the columns through an unloader that counts
      // every column's nulls (a pass over each validity bitmap). The struct's columns are moved
      // into the root instead, so the cost does not depend on the number of rows.
      Schema imported;
      try {
        imported = Data.importSchema(allocator, schema, dictionaries);
      } catch (RuntimeException e) {
        array.release();
        throw e;
      }
      try (StructVector struct = StructVector.emptyWithDuplicates("", allocator)) {
        struct.initializeChildrenFromFields(imported.getFields());
        Data.importIntoVector(allocator, array, struct, dictionaries);
        List<FieldVector> columns = new ArrayList<>();
        try {
          for (FieldVector child : struct.getChildrenFromFields()) {
            TransferPair tp = child.getTransferPair(allocator);
            tp.transfer();
            columns.add((FieldVector) tp.getTo());
          }
        } catch (RuntimeException e) {
          columns.forEach(FieldVector::close);
          throw e;
        }
        return new VectorSchemaRoot(imported.getFields(), columns, struct.getValueCount());
      }
    }
  }

  /**
   * The first batch of Arrow IPC stream bytes as a new root allocated from {@code allocator},
   * dictionary-encoded columns left encoded and their dictionaries put in {@code dictionaries}
   * (which the caller owns, as with {@link #importBatch}). Arrow Java can only fill a
   * {@link CDataDictionaryProvider} by importing through the C Data Interface, so the decoded
   * batch is exported and re-imported in process: buffers are handed over, not copied.
   *
   * @throws ParseException when the bytes are not an Arrow IPC stream
   */
  static VectorSchemaRoot importIpc(BufferAllocator allocator, byte[] ipc, CDataDictionaryProvider dictionaries) {
    try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(ipc), allocator, CODECS)) {
      VectorSchemaRoot source = reader.getVectorSchemaRoot();
      if (!reader.loadNextBatch()) {
        source.setRowCount(0);
      }
      // The export retains the reader's buffers; the import's release callback frees them.
      try (ArrowSchema schema = ArrowSchema.allocateNew(allocator); ArrowArray array = ArrowArray.allocateNew(allocator)) {
        Data.exportVectorSchemaRoot(allocator, source, reader, array, schema);
        return Data.importVectorSchemaRoot(allocator, array, schema, dictionaries);
      }
    } catch (IOException | RuntimeException e) {
      throw new ParseException("Invalid Arrow IPC data from the server: " + e.getMessage(), e);
    }
  }

  /**
   * Replaces every dictionary-encoded column of {@code root} by its decoded values. Plain
   * columns are transferred as they are (no copy). Closes {@code root}.
   */
  static VectorSchemaRoot decodeDictionaries(BufferAllocator allocator, VectorSchemaRoot root, CDataDictionaryProvider dictionaries) {
    try (root) {
      return decodeVectors(allocator, root, dictionaries);
    }
  }

  /**
   * A new root, owned by the caller, holding {@code source}'s vectors with every
   * dictionary-encoded one decoded through {@code dictionaries}; plain vectors are transferred
   * (no copy), so {@code source} is left empty but still owned by its creator.
   */
  static VectorSchemaRoot decodeVectors(BufferAllocator allocator, VectorSchemaRoot source, DictionaryProvider dictionaries) {
    List<FieldVector> out = new ArrayList<>();
    try {
      for (FieldVector v : source.getFieldVectors()) {
        DictionaryEncoding encoding = v.getField().getDictionary();
        if (encoding == null) {
          TransferPair tp = v.getTransferPair(allocator);
          tp.transfer();
          out.add((FieldVector) tp.getTo());
        } else {
          try (ValueVector values = DictionaryEncoder.decode(v, dictionaries.lookup(encoding.getId()), allocator)) {
            TransferPair named = values.getTransferPair(v.getName(), allocator);
            named.transfer();
            out.add((FieldVector) named.getTo());
          }
        }
      }
      VectorSchemaRoot decoded = new VectorSchemaRoot(out);
      decoded.setRowCount(source.getRowCount());
      return decoded;
    } catch (RuntimeException e) {
      out.forEach(FieldVector::close);
      throw e;
    }
  }

  /** Below this many buffer bytes, {@link #toIpcStream} writes once and trims (see there). */
  static final long ONE_PASS_IPC_BYTES = 256 * 1024;

  /**
   * {@code root} as Arrow IPC stream bytes, dictionaries included. Small outputs (buffers below
   * {@link #ONE_PASS_IPC_BYTES}, e.g. a viewer's window read on every update) are written once
   * into a growing array and trimmed: copying a few KB is far cheaper than running the IPC
   * writer twice. Larger ones run the same writer twice, first into a channel that only counts
   * bytes, then into an array of exactly that size, so every buffer is copied once (no growing
   * buffer, no final trim, no doubled peak memory): linear in the output size. Stateless; safe
   * from any thread for distinct roots.
   */
  static byte[] toIpcStream(VectorSchemaRoot root, CDataDictionaryProvider dictionaries) {
    if (bufferBytes(root, dictionaries) < ONE_PASS_IPC_BYTES) {
      ArrayChannel out = ArrayChannel.growing();
      writeIpcStream(root, dictionaries, out);
      return Arrays.copyOf(out.array, (int) out.position);
    }
    ArrayChannel counter = new ArrayChannel(null);
    writeIpcStream(root, dictionaries, counter);
    if (counter.position > Integer.MAX_VALUE - 16) {
      throw new EngineException("Arrow IPC output of " + counter.position + " bytes exceeds a Java array");
    }
    ArrayChannel out = new ArrayChannel(new byte[(int) counter.position]);
    writeIpcStream(root, dictionaries, out);
    if (out.position != out.array.length) {
      throw new EngineException("Arrow IPC output size changed between passes");
    }
    return out.array;
  }

  /** The bytes of the vectors' buffers, dictionaries included (the IPC body, without padding). */
  private static long bufferBytes(VectorSchemaRoot root, CDataDictionaryProvider dictionaries) {
    long n = 0;
    for (FieldVector v : root.getFieldVectors()) {
      n += v.getBufferSize();
    }
    if (dictionaries != null) {
      for (long id : dictionaries.getDictionaryIds()) {
        n += dictionaries.lookup(id).getVector().getBufferSize();
      }
    }
    return n;
  }

  /**
   * {@code root} as Arrow IPC stream bytes whose record and dictionary batch bodies are
   * LZ4_FRAME-compressed (IPC {@code BodyCompression}), as Perspective's
   * {@code to_arrow({compression: "lz4"})}. One pass into a growing buffer (compressing twice to
   * size the output exactly would cost more than the copy).
   */
  static byte[] toLz4IpcStream(VectorSchemaRoot root, CDataDictionaryProvider dictionaries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    writeOneBatch(new ArrowStreamWriter(root, dictionaries, Channels.newChannel(bytes), IpcOption.DEFAULT, CODECS,
        CompressionUtil.CodecType.LZ4_FRAME));
    return bytes.toByteArray();
  }

  private static void writeIpcStream(VectorSchemaRoot root, DictionaryProvider dictionaries, WritableByteChannel channel) {
    writeOneBatch(new ArrowStreamWriter(root, dictionaries, channel));
  }

  /** Writes the writer's root as one record batch and closes the writer. */
  private static void writeOneBatch(ArrowStreamWriter writer) {
    try (writer) {
      writer.start();
      writer.writeBatch();
      writer.end();
    } catch (IOException e) {
      throw new EngineException("cannot write Arrow IPC: " + e.getMessage(), e);
    }
  }

  /**
   * A channel into an array: fixed (its size was counted), growing (doubles as needed), or
   * (array null) one that only counts. Not thread-safe.
   */
  private static final class ArrayChannel implements WritableByteChannel {
    byte[] array;
    long position;
    private final boolean grows;

    ArrayChannel(byte[] array) {
      this(array, false);
    }

    private ArrayChannel(byte[] array, boolean grows) {
      this.array = array;
      this.grows = grows;
    }

    static ArrayChannel growing() {
      return new ArrayChannel(new byte[4096], true);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      int n = src.remaining();
      if (array == null) {
        src.position(src.limit());
      } else {
        if (position + n > Integer.MAX_VALUE - 16) throw new IOException("Arrow IPC output exceeds a Java array");
        if (position + n > array.length) {
          if (!grows) throw new IOException("Arrow IPC output larger than counted");
          array = Arrays.copyOf(array, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(2L * array.length, position + n)));
        }
        src.get(array, (int) position, n);
      }
      position += n;
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }

  /**
   * A reader over the rows of {@code resultSet} (read with arrow-jdbc, timestamps as UTC). The
   * result set is read to the end but not closed.
   */
  static ArrowReader jdbcReader(ResultSet resultSet) {
    BufferAllocator a = allocator();
    JdbcToArrowConfig config = new JdbcToArrowConfigBuilder(a, Calendar.getInstance(TimeZone.getTimeZone("UTC")))
        .setTargetBatchSize(JDBC_BATCH_ROWS)
        .build();
    try {
      Schema schema = JdbcToArrowUtils.jdbcToArrowSchema(resultSet.getMetaData(), config);
      return new JdbcReader(a, schema, JdbcToArrow.sqlToArrowVectorIterator(resultSet, config));
    } catch (SQLException | IOException e) {
      throw new InvalidInputException("cannot read the JDBC result set: " + e.getMessage(), e);
    }
  }

  /**
   * Arrow IPC stream bytes of a {@link VectorSchemaRoot} (not consumed), an {@link ArrowReader}
   * (consumed and closed; dictionaries included) or a JDBC {@link ResultSet} (read to the end),
   * for sending to a remote server; null for any other object.
   */
  static byte[] toIpcBytes(Object data) {
    if (data instanceof VectorSchemaRoot) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ArrowStreamWriter writer = new ArrowStreamWriter((VectorSchemaRoot) data, null, Channels.newChannel(bytes))) {
        writer.start();
        writer.writeBatch();
        writer.end();
      } catch (IOException e) {
        throw new InvalidInputException("cannot write the VectorSchemaRoot as Arrow IPC: " + e.getMessage(), e);
      }
      return bytes.toByteArray();
    }
    ArrowReader reader;
    if (data instanceof ArrowReader) {
      reader = (ArrowReader) data;
    } else if (data instanceof ResultSet) {
      reader = jdbcReader((ResultSet) data);
    } else {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (reader; ArrowStreamWriter writer = new ArrowStreamWriter(reader.getVectorSchemaRoot(), reader, Channels.newChannel(bytes))) {
      writer.start();
      while (reader.loadNextBatch()) {
        writer.writeBatch();
      }
      writer.end();
    } catch (IOException e) {
      throw new InvalidInputException("cannot write the Arrow stream as IPC: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // Already failing; the first error is the one to report.
    }
  }

  /** Adapts arrow-jdbc's batch iterator to an {@link ArrowReader}. */
  private static final class JdbcReader extends ArrowReader {
    private final Schema schema;
    private final ArrowVectorIterator batches;

    JdbcReader(BufferAllocator allocator, Schema schema, ArrowVectorIterator batches) {
      super(allocator);
      this.schema = schema;
      this.batches = batches;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
      prepareLoadNextBatch();
      if (!batches.hasNext()) {
        return false;
      }
      try (VectorSchemaRoot batch = batches.next(); ArrowRecordBatch record = new VectorUnloader(batch).getRecordBatch()) {
        loadRecordBatch(record);
      }
      return true;
    }

    @Override
    public long bytesRead() {
      return 0;
    }

    @Override
    protected void closeReadSource() {
      batches.close();
    }

    @Override
    protected Schema readSchema() {
      return schema;
    }
  }
}
