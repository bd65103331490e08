package dev.ledgerbridge.db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.mapping.SqlSource;
import org.apache.ibatis.parsing.XNode;
import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.scripting.defaults.RawSqlSource;
import org.apache.ibatis.scripting.xmltags.XMLLanguageDriver;
import org.apache.ibatis.session.Configuration;

/**
 * The SQL of a mapper statement marked {@code lang="inList"}: static SQL in which a parameter whose value is a
 * collection stands for a list, as in {@code txn_id IN (#{txnIds})}; each call puts one placeholder per element there
 * (or NULL, which matches nothing, for an empty collection) and binds the elements with the parameter's type handler.
 * It does what a {@code <foreach>} does for such a list, without building and parsing the statement's SQL again for
 * every element on every call, which on the sync's pages of hundreds of IDs cost more than the query.
 */
public final class InLists extends XMLLanguageDriver {
    /** The name a statement gives in its {@code lang} attribute. */
    public static final String ALIAS = "inList";

    /** Lets mapper XML name this driver; call before the mappers are added. */
    static void register(Configuration configuration) {
        configuration.getTypeAliasRegistry().registerAlias(ALIAS, InLists.class);
    }

    @Override
    public SqlSource createSqlSource(Configuration configuration, XNode script, Class<?> parameterType) {
        return expanding(configuration, super.createSqlSource(configuration, script, parameterType), script);
    }

    @Override
    public SqlSource createSqlSource(Configuration configuration, String script, Class<?> parameterType) {
        return expanding(configuration, super.createSqlSource(configuration, script, parameterType), script);
    }

    private static SqlSource expanding(Configuration configuration, SqlSource source, Object script) {
        if (source instanceof Expanding) {
            return source; // a <script> string is read through the XNode method, which wrapped it already
        }
        if (!(source instanceof RawSqlSource)) {
            throw new IllegalStateException("a statement with lang=\"" + ALIAS + "\" must have static SQL: " + script);
        }
        BoundSql probe = source.getBoundSql(null);
        long placeholders = probe.getSql().chars().filter(c -> c == '?').count();
        if (placeholders != probe.getParameterMappings().size() || probe.getSql().indexOf('\'') >= 0) {
            throw new IllegalStateException("a statement with lang=\"" + ALIAS + "\" must hold no quoted text: "
                    + script);
        }
        return new Expanding(configuration, source);
    }

    private record Expanding(Configuration configuration, SqlSource source) implements SqlSource {
        @Override
        public BoundSql getBoundSql(Object parameterObject) {
            BoundSql one = source.getBoundSql(parameterObject);
            List<ParameterMapping> mappings = one.getParameterMappings();
            Object[] values = new Object[mappings.size()];
            boolean lists = false;
            MetaObject meta = parameterObject == null ? null : configuration.newMetaObject(parameterObject);
            for (int i = 0; i < mappings.size(); i++) {
                if (meta != null && meta.hasGetter(mappings.get(i).getProperty())) {
                    values[i] = meta.getValue(mappings.get(i).getProperty());
                    lists |= values[i] instanceof Collection<?>;
                }
            }
            if (!lists) {
                return one;
            }
            String sql = one.getSql();
            StringBuilder out = new StringBuilder(sql.length() + 64);
            List<ParameterMapping> expanded = new ArrayList<>();
            List<Object[]> elements = new ArrayList<>();
            int next = 0;
            for (int i = 0; i < mappings.size(); i++) {
                int at = sql.indexOf('?', next);
                out.append(sql, next, at);
                next = at + 1;
                ParameterMapping m = mappings.get(i);
                if (!(values[i] instanceof Collection<?> list)) {
                    out.append('?');
                    expanded.add(m);
                    continue;
                }
                if (list.isEmpty()) {
                    out.append("NULL");
                    continue;
                }
                int j = 0;
                for (Object element : list) {
                    String name = "__inList" + i + "_" + j;
                    out.append(j++ == 0 ? "?" : ", ?");
                    expanded.add(new ParameterMapping.Builder(configuration, name, m.getTypeHandler())
                            .jdbcType(m.getJdbcType()).build());
                    elements.add(new Object[] {name, element});
                }
            }
            out.append(sql, next, sql.length());
            BoundSql bound = new BoundSql(configuration, out.toString(), expanded, parameterObject);
            for (Object[] e : elements) {
                bound.setAdditionalParameter((String) e[0], e[1]);
            }
            return bound;
        }
    }
}
