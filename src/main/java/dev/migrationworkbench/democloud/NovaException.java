package dev.migrationworkbench.democloud;

import java.util.List;

/**
 * A failure as Nova records it on an instance-action event: the exception class from nova/exception.py,
 * its formatted message, and a Python traceback through the code path that raised it.
 */
record NovaException(String name, String message, List<String> frames) {

    private static final String SITE = "/usr/lib/python3.9/site-packages/";

    static NovaException conductor(String name, String message) {
        return new NovaException(name, message, List.of(
                "nova/conductor/manager.py\", line 505, in _live_migrate\n    task.execute()",
                "nova/conductor/tasks/base.py\", line 25, in wrap\n    with excutils.save_and_reraise_exception():",
                "nova/conductor/tasks/live_migrate.py\", line 96, in _execute\n    self._check_host_is_up(self.source)"));
    }

    static NovaException destinationCheck(String name, String message) {
        return new NovaException(name, message, List.of(
                "nova/exception_wrapper.py\", line 71, in wrapped\n    _emit_versioned_exception_notification(",
                "nova/compute/utils.py\", line 1439, in decorated_function\n    return function(self, context, *args, **kwargs)",
                "nova/compute/manager.py\", line 8573, in check_can_live_migrate_destination\n"
                        + "    self._validate_instance_group_policy(ctxt, instance)"));
    }

    static NovaException compute(String function, String name, String message) {
        return new NovaException(name, message, List.of(
                "nova/compute/manager.py\", line 9203, in " + function + "\n    self.driver." + function
                        + "(context, instance, dest, migrate_data)"));
    }

    /** The traceback text Nova stores on the event. */
    String traceback() {
        StringBuilder b = new StringBuilder("Traceback (most recent call last):\n");
        for (String f : frames) {
            b.append("  File \"").append(SITE).append(f).append('\n');
        }
        String qualified = name.contains(".") ? name : "nova.exception." + name;
        return b.append(qualified).append(": ").append(message).append('\n').toString();
    }
}
