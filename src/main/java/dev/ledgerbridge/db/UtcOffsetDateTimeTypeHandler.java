package dev.ledgerbridge.db;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

/**
 * Stores an {@link OffsetDateTime} in a DATETIME column as the same instant in UTC; reads it back at offset
 * zero. QuickBooks' own offsets are kept where they matter (the sync watermarks) in a column of their own.
 */
final class UtcOffsetDateTimeTypeHandler extends BaseTypeHandler<OffsetDateTime> {
    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, OffsetDateTime v, JdbcType t) throws SQLException {
        ps.setObject(i, v.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }

    @Override
    public OffsetDateTime getNullableResult(ResultSet rs, String column) throws SQLException {
        return toOffset(rs.getObject(column, LocalDateTime.class));
    }

    @Override
    public OffsetDateTime getNullableResult(ResultSet rs, int index) throws SQLException {
        return toOffset(rs.getObject(index, LocalDateTime.class));
    }

    @Override
    public OffsetDateTime getNullableResult(CallableStatement cs, int index) throws SQLException {
        return toOffset(cs.getObject(index, LocalDateTime.class));
    }

    private static OffsetDateTime toOffset(LocalDateTime t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
