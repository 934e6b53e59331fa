package gov.tawasul.staff;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every JAX-RS route of the application, found by reflection over the compiled classes of {@code gov.tawasul}
 * (so that a resource added later is found without touching the tests). Path parameters are filled with
 * {@value #PARAMETER}.
 */
final class StaffRoutes {

    /** What a path parameter is replaced with (a valid id and a valid username). */
    static final String PARAMETER = "1";
    private static final Pattern TEMPLATE = Pattern.compile("\\{[^}/]+}");

    /**
     * A route.
     *
     * @param method   HTTP method
     * @param template path as declared, e.g. {@code /api/staff/users/{username}}
     * @param resource declaring class and method, for messages
     * @param pkg      package of the declaring class
     */
    record Route(String method, String template, String resource, String pkg) {

        /** @return the path with parameters filled in */
        String path() {
            Matcher m = TEMPLATE.matcher(template);
            return m.replaceAll(PARAMETER);
        }

        @Override
        public String toString() {
            return method + " " + template + " (" + resource + ")";
        }
    }

    private StaffRoutes() {
    }

    /** @return every route of every {@code @Path} resource class under {@code gov.tawasul}, sorted */
    static List<Route> all() {
        List<Route> routes = new ArrayList<>();
        for (JavaClass javaClass : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("gov.tawasul")) {
            Class<?> type = javaClass.reflect();
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null || type.isInterface()) {
                continue;   // REST clients are interfaces
            }
            for (Method method : type.getMethods()) {
                String http = httpMethod(method);
                Path methodPath = method.getAnnotation(Path.class);
                if (http == null && methodPath != null) {
                    throw new AssertionError("sub-resource locator " + type.getName() + "." + method.getName()
                            + " is not walked by this test: declare the routes on the resource");
                }
                if (http != null) {
                    routes.add(new Route(http, join(classPath.value(), methodPath == null ? "" : methodPath.value()),
                            type.getSimpleName() + "." + method.getName(), type.getPackageName()));
                }
            }
        }
        routes.sort(Comparator.comparing(Route::template).thenComparing(Route::method));
        return routes;
    }

    /** @return the routes under {@code /console} or {@code /api/staff} */
    static List<Route> staff() {
        return all().stream().filter(r -> under(r.template(), "/console") || under(r.template(), "/api/staff")).toList();
    }

    static boolean under(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String classPath, String methodPath) {
        String path = ("/" + classPath + "/" + methodPath).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    // referenced so that the imports document which annotations count as HTTP methods
    @SuppressWarnings("unused")
    private static final List<Class<? extends Annotation>> METHODS =
            List.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class, HEAD.class);
}
