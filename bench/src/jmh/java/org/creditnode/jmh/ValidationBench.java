package org.creditnode.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.creditnode.record.FieldError;
import org.creditnode.record.RecordValidator;
import org.creditnode.record.SampleRecords;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** RecordValidator.validate of one valid 行政处罚 record against the real catalogue (../config). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ValidationBench {
    private RecordValidator validator;
    private ObjectNode record;

    @Setup
    public void setup() {
        validator = SampleRecords.validator();
        record = SampleRecords.penalty();
        List<FieldError> errors = validator.validate(record);
        if (!errors.isEmpty()) throw new IllegalStateException("sample record is invalid: " + errors);
    }

    @Benchmark
    public List<FieldError> validatePenalty() {
        return validator.validate(record);
    }
}
