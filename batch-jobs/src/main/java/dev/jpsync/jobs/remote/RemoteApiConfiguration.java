package dev.jpsync.jobs.remote;

import java.net.http.HttpClient;
import java.util.concurrent.Executor;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.client.RestClient;

import dev.jpsync.jobs.support.JobThreadPools;

/** The one {@link RestClient} that talks to the remote API, with the configured timeouts. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RemoteApiProperties.class)
public class RemoteApiConfiguration {

    @Bean
    RestClient remoteRestClient(RestClient.Builder builder, RemoteApiProperties properties,
                                @Qualifier("remoteBodyWriterExecutor") Executor remoteBodyWriterExecutor) {
        HttpClient httpClient = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        // Spring writes a request body on a thread of this executor; its default starts a new thread per
        // request, which cost the export more CPU than the calls themselves (bench/export-throughput.sh)
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient, remoteBodyWriterExecutor);
        requestFactory.setReadTimeout(properties.readTimeout());
        return builder.clone()
                .baseUrl(properties.baseUrl().toString())
                .requestFactory(requestFactory)
                .build();
    }

    @Bean(defaultCandidate = false)
    ThreadPoolTaskExecutor remoteBodyWriterExecutor() {
        return JobThreadPools.growing("remote-body-writer-");
    }
}
