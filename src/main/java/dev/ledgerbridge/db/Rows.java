package dev.ledgerbridge.db;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.ibatis.builder.StaticSqlSource;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.mapping.SqlCommandType;
import org.apache.ibatis.mapping.SqlSource;
import org.apache.ibatis.scripting.defaults.RawSqlSource;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;

/**
 * A mapper's one-row {@code INSERT ... VALUES (...)} run for many rows in one statement
 * ({@code VALUES (...), (...), ...}): MariaDB parses and runs one statement for many rows, which costs it a fraction of
 * one statement per row. The SQL stays in the mapper's XML, written for one row with {@code #{}} parameters; the
 * statement for n rows repeats its VALUES list n times, and each parameter is bound through the type handler the XML
 * chose for it. (A {@code <foreach>} would do the same, but MyBatis builds and parses its SQL again on every call,
 * which costs more than the database saves.)
 *
 * <p>Rows go in statements of a power of two rows, at most {@link #PER_STATEMENT}, so that few statement texts exist
 * and a batch session sends equal ones together.
 */
public final class Rows {
    /** The most rows one statement carries. */
    public static final int PER_STATEMENT = 256;

    /** The statement that runs every multi-row insert; registered by {@link #register}. */
    static final String STATEMENT = Rows.class.getName() + ".insert";

    private Rows() {
    }

    /** Adds the statement that runs multi-row inserts to a MyBatis configuration whose mappers are registered. */
    static void register(Configuration configuration) {
        configuration.addMappedStatement(new MappedStatement.Builder(configuration, STATEMENT,
                new Source(configuration), SqlCommandType.INSERT).flushCacheRequired(true).build());
    }

    /**
     * Parameters shared by every row (the company, the run, the time); a parameter of the statement that is neither
     * one of them nor the row is an error.
     */
    public static Map<String, Object> shared(Object... namesAndValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    /**
     * Runs the one-row insert {@code statement} of {@code mapper} for every row: its parameters named
     * {@code rowName} (or {@code rowName.property...}) are read from each row, the others from {@code shared}.
     */
    public static <T> void insert(SqlSession session, Class<?> mapper, String statement, Map<String, Object> shared,
                                  String rowName, List<T> rows) {
        String id = mapper.getName() + "." + statement;
        int from = 0;
        while (from < rows.size()) {
            int n = Math.min(PER_STATEMENT, Integer.highestOneBit(rows.size() - from));
            session.insert(STATEMENT, new Batch(id, shared, rowName, rows.subList(from, from + n)));
            from += n;
        }
    }

    /** What one multi-row statement binds: its parameters are named p0, p1, ... in the order of the SQL. */
    static final class Batch extends AbstractMap<String, Object> {
        final String statementId;
        final Map<String, Object> shared;
        final String rowName;
        final List<?> rows;
        Template template;
        /** Per column: true when its value is read from the row, else the shared value in {@link #constants}. */
        private boolean[] fromRow;
        private Object[] constants;

        Batch(String statementId, Map<String, Object> shared, String rowName, List<?> rows) {
            this.statementId = statementId;
            this.shared = shared;
            this.rowName = rowName;
            this.rows = rows;
        }

        @Override
        public Object get(Object key) {
            String name = (String) key;
            int k = Integer.parseInt(name, 1, name.length(), 10);
            int width = template.width();
            int column = k % width;
            if (fromRow == null) {
                resolve();
            }
            return fromRow[column] ? template.value(rows.get(k / width), column) : constants[column];
        }

        /** Where each column's value comes from: the row, or a shared parameter (read once for the statement). */
        private void resolve() {
            String[][] paths = template.paths;
            boolean[] row = new boolean[paths.length];
            Object[] values = new Object[paths.length];
            for (int i = 0; i < paths.length; i++) {
                String first = paths[i][0];
                if (first.equals(rowName)) {
                    row[i] = true;
                } else if (shared.containsKey(first)) {
                    values[i] = template.walk(shared.get(first), i);
                } else {
                    throw new IllegalArgumentException(template.id + ": no value for the parameter "
                            + String.join(".", paths[i]));
                }
            }
            constants = values;
            fromRow = row;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String s && s.startsWith("p");
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Set.of();
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** The SQL of a batch: the one-row statement's, its VALUES list repeated for every row. */
    private static final class Source implements SqlSource {
        private final Configuration configuration;
        private final Map<String, Template> templates = new ConcurrentHashMap<>();

        Source(Configuration configuration) {
            this.configuration = configuration;
        }

        @Override
        public BoundSql getBoundSql(Object parameterObject) {
            Batch batch = (Batch) parameterObject;
            batch.template = templates.computeIfAbsent(batch.statementId,
                    id -> Template.of(configuration, configuration.getMappedStatement(id)));
            int n = batch.rows.size();
            return new BoundSql(configuration, batch.template.sql(n), batch.template.mappings(n), batch);
        }
    }

    /** A one-row INSERT taken apart: the text before and after its VALUES list, the list, and its parameters. */
    static final class Template {
        private final String id;
        private final String head;
        private final String tuple;
        private final String tail;
        private final String[][] paths;
        /** Per parameter, per step of its path: the accessor last used (written by any thread, whole or not at all). */
        private final Accessor[][] accessors;
        private final List<ParameterMapping> mappings;
        private final AtomicReferenceArray<String> sqlBySize =
                new AtomicReferenceArray<>(Integer.numberOfTrailingZeros(PER_STATEMENT) + 1);

        private Template(String id, String head, String tuple, String tail, String[][] paths,
                         List<ParameterMapping> mappings) {
            this.id = id;
            this.head = head;
            this.tuple = tuple;
            this.tail = tail;
            this.paths = paths;
            this.accessors = new Accessor[paths.length][];
            for (int i = 0; i < paths.length; i++) {
                accessors[i] = new Accessor[paths[i].length];
            }
            this.mappings = mappings;
        }

        static Template of(Configuration c, MappedStatement ms) {
            if (!(ms.getSqlSource() instanceof RawSqlSource) && !(ms.getSqlSource() instanceof StaticSqlSource)) {
                throw new IllegalStateException(ms.getId() + ": only a statement without dynamic SQL can be written"
                        + " several rows at a time");
            }
            BoundSql one = ms.getBoundSql(null);
            String sql = one.getSql();
            int values = sql.toUpperCase(java.util.Locale.ROOT).indexOf("VALUES");
            int open = values < 0 ? -1 : sql.indexOf('(', values);
            int close = open < 0 ? -1 : closing(sql, open);
            if (close < 0) {
                throw new IllegalStateException(ms.getId() + ": no VALUES (...) list to repeat");
            }
            String head = sql.substring(0, open);
            String tuple = sql.substring(open, close + 1);
            String tail = sql.substring(close + 1);
            if (head.indexOf('?') >= 0 || tail.indexOf('?') >= 0 || sql.indexOf('\'') >= 0 || sql.indexOf('"') >= 0
                    || sql.contains("--") || sql.indexOf('#') >= 0 || sql.contains("/*")) {
                throw new IllegalStateException(ms.getId() + ": every parameter must be inside the VALUES list, and"
                        + " the statement must hold no quoted text and no comment");
            }
            // the XML's line breaks and indentation, repeated for every row, would only be more text to send and parse
            head = shrink(head);
            tuple = shrink(tuple);
            tail = shrink(tail);
            List<ParameterMapping> row = one.getParameterMappings();
            String[][] paths = new String[row.size()][];
            for (int i = 0; i < row.size(); i++) {
                paths[i] = row.get(i).getProperty().split("\\.");
            }
            List<ParameterMapping> mappings = new ArrayList<>(PER_STATEMENT * row.size());
            for (int k = 0; k < PER_STATEMENT * row.size(); k++) {
                ParameterMapping m = row.get(k % row.size());
                mappings.add(new ParameterMapping.Builder(c, "p" + k, m.getTypeHandler()).javaType(m.getJavaType())
                        .jdbcType(m.getJdbcType()).build());
            }
            return new Template(ms.getId(), head, tuple, tail, paths, List.copyOf(mappings));
        }

        private static String shrink(String sql) {
            return sql.replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")");
        }

        private static int closing(String sql, int open) {
            int depth = 0;
            for (int i = open; i < sql.length(); i++) {
                char ch = sql.charAt(i);
                if (ch == '(') {
                    depth++;
                } else if (ch == ')' && --depth == 0) {
                    return i;
                }
            }
            return -1;
        }

        int width() {
            return paths.length;
        }

        /** The statement for {@code rows} rows, a power of two (see {@link #insert}). */
        String sql(int rows) {
            if (Integer.bitCount(rows) != 1 || rows > PER_STATEMENT) {
                throw new IllegalArgumentException("a statement carries a power of two rows, up to " + PER_STATEMENT);
            }
            int slot = Integer.numberOfTrailingZeros(rows);
            String sql = sqlBySize.get(slot);
            if (sql == null) {
                StringBuilder b = new StringBuilder(head.length() + tail.length() + rows * (tuple.length() + 2));
                b.append(head);
                for (int r = 0; r < rows; r++) {
                    b.append(r == 0 ? "" : ", ").append(tuple);
                }
                sql = b.append(tail).toString();
                sqlBySize.set(slot, sql);
            }
            return sql;
        }

        List<ParameterMapping> mappings(int rows) {
            return mappings.subList(0, rows * paths.length);
        }

        /** The value of parameter {@code column} for {@code row}: the row, or a property of it. */
        Object value(Object row, int column) {
            return walk(row, column);
        }

        /**
         * The property at parameter {@code column}'s path (its first name aside) of {@code v}; null where a record on
         * the way is. Each step remembers the accessor of the last class it read, nearly always the class it meets.
         */
        Object walk(Object v, int column) {
            String[] path = paths[column];
            Accessor[] steps = accessors[column];
            for (int i = 1; i < path.length && v != null; i++) {
                Accessor a = steps[i];
                if (a == null || a.type != v.getClass()) {
                    a = new Accessor(v.getClass(), accessor(v.getClass(), path[i]));
                    steps[i] = a;
                }
                v = a.read(v, path[i]);
            }
            return v;
        }
    }

    /** A record component's accessor, for one record class. */
    private record Accessor(Class<?> type, Method method) {
        Object read(Object target, String name) {
            try {
                return method.invoke(target);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + name + " of " + type.getName(), e);
            }
        }
    }

    /** The accessors of each record class, by component name. */
    private static final ClassValue<Map<String, Method>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type.getName() + " is not a record: its rows cannot be read");
            }
            Map<String, Method> m = new HashMap<>();
            for (RecordComponent rc : type.getRecordComponents()) {
                Method accessor = rc.getAccessor();
                accessor.setAccessible(true);
                m.put(rc.getName(), accessor);
            }
            return m;
        }
    };

    private static Method accessor(Class<?> type, String name) {
        Method accessor = ACCESSORS.get(type).get(name);
        if (accessor == null) {
            throw new IllegalArgumentException(type.getName() + " has no component " + name);
        }
        return accessor;
    }
}
