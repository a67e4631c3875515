package dev.kefu.eval.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.ArgGroup;

/**
 * What every dialogue command shares (a picocli mixin): the dialogues it replays ({@code
 * --dialogues FILE} or {@code --demo}, exactly one), its report ({@code --out}) and its error
 * stream.
 */
final class DialogueRun extends ReportFile {
    @ArgGroup(exclusive = true, multiplicity = "1")
    DialogueFiles.Source input;

    /** The dialogues' name in reports and messages. */
    String source() {
        return input.name();
    }

    /**
     * The dialogues, read and checked by {@code reader} from the file or from the command's bundled
     * demo dialogues ({@link DialogueFiles#demoResource}); none when there are problems, which go
     * to {@code errors} as {@link DialogueFiles.Source#read} says.
     */
    <T> List<T> read(DialogueFiles.FileReader<T> reader, List<String> errors) throws IOException {
        return input.read(DialogueFiles.demoResource(command.name()), reader, errors);
    }

    /** The command's standard error, where refusals and warnings go. */
    PrintWriter err() {
        return command.commandLine().getErr();
    }
}
