package io.jifen.launcher;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Entry point of {@code ./jifen} (which builds this jar and runs it on a JDK 25): up, down, status. */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        Path repo = Path.of(System.getProperty("jifen.repo", ".")).toAbsolutePath().normalize();
        try {
            System.exit(run(command, repo));
        } catch (LauncherException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println("jifen " + command + " failed: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String command, Path repo) throws LauncherException {
        String home = System.getenv("JIFEN_HOME");
        Layout layout = Layout.of(repo, home == null || home.isBlank() ? repo.resolve(".jifen") : Path.of(home),
                pathFromEnv("JIFEN_CACHE"), pathFromEnv("JIFEN_DIST"));
        Settings settings = Settings.fromEnvironment();
        return switch (command) {
            case "up" -> exclusively(layout, () -> new Up(layout, settings, System.out).run());
            case "down" -> exclusively(layout, () -> new Down(layout, System.out).run());
            case "status" -> new Status(layout, settings, System.out).run();
            case "train" -> training(layout, settings).run(System.out); // started by up, in the background
            default -> {
                System.err.println("usage: ./jifen up | down | status | logs <name> [-f]");
                yield 2;
            }
        };
    }

    private static Path pathFromEnv(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    static Training training(Layout layout, Settings settings) {
        Credentials credentials = Credentials.loadOrCreate(layout.credentials(), settings.env());
        return new Training(layout, settings, new ServiceStarter(layout, settings, new Pids(layout), credentials));
    }

    /** One up or down at a time: a second one waits for the first instead of racing it. */
    private static int exclusively(Layout layout, java.util.function.IntSupplier action) {
        try (FileChannel channel = FileChannel.open(layout.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new LauncherException("Another ./jifen up or down is running in this checkout; wait for it.");
            }
            return action.getAsInt();
        } catch (java.io.IOException e) {
            throw new LauncherException("Cannot lock " + layout.lock() + ": " + e.getMessage(), e);
        }
    }
}
